import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Program } from '../domain/program.ts';

let fonts: Promise<[Uint8Array, Uint8Array]> | undefined;

/**
 * DejaVu Sans covers Latin, Greek, Cyrillic and more, so participants' names print as written.
 * The fonts come from the dejavu-fonts-ttf package; a Lambda bundle has no node_modules, so it
 * carries them in a folder of its own. `fontDir` is where they are, as the catalog entry says.
 */
export const loadCertificateFonts = (fontDir: string) => {
  fonts ??= Promise.all([
    readFile(join(fontDir, 'DejaVuSans.ttf')),
    readFile(join(fontDir, 'DejaVuSans-Bold.ttf')),
  ]);
  return fonts;
};

export interface CertificateDetails {
  participant: string;
  library: string;
  period: string;
}

/** A one-page A4 landscape participation certificate (pdf-lib). */
export const participationCertificate = async (
  program: Program,
  details: CertificateDetails,
  fontDir: string,
): Promise<Uint8Array> => {
  const [regularBytes, boldBytes] = await loadCertificateFonts(fontDir);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Certificate of participation – ${details.participant}`);
  pdf.setAuthor(program.organizer);
  pdf.setSubject(program.name);
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  const page = pdf.addPage([842, 595]);
  const { width } = page.getSize();
  const centred = (text: string, y: number, size: number, font = regular, color = rgb(0.04, 0.05, 0.05)) => {
    const fitted = Math.min(size, (size * (width - 120)) / font.widthOfTextAtSize(text, size));
    page.drawText(text, {
      x: (width - font.widthOfTextAtSize(text, fitted)) / 2,
      y,
      size: fitted,
      font,
      color,
    });
  };
  page.drawRectangle({
    x: 24,
    y: 24,
    width: width - 48,
    height: 595 - 48,
    borderColor: rgb(0, 0.44, 0.24),
    borderWidth: 3,
  });
  centred('Certificate of participation', 470, 34, bold, rgb(0, 0.44, 0.24));
  centred('This certifies that', 405, 16);
  centred(details.participant, 350, 36, bold);
  centred(details.library, 310, 16);
  centred(`took part in the ${program.name}`, 255, 18);
  centred(details.period, 225, 14);
  centred(program.certificateSignatory, 120, 12);
  centred(program.organizer, 100, 12);
  return pdf.save();
};
