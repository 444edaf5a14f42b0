/** The path of the nominator's confirmation or manage link in an email's text, if it has one. */
export const nominatorLinkIn = (text: string | undefined, purpose: 'confirm' | 'manage') =>
  text?.match(new RegExp(`/nominations/${purpose}/[\\w.-]+`))?.[0];

/**
 * The confirmation link mailed to each nominator, read from the SES emulator's `/store` JSON as
 * a nominator would read their inbox: by nominator address (lower case), the newest link.
 */
export const confirmationLinks = async (sesEndpoint: string): Promise<Map<string, string>> => {
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as {
    emails: { destination: { to: string[] }; subject: string; body: { text?: string } }[];
  };
  const links = new Map<string, string>();
  for (const email of store.emails) {
    if (!email.subject.startsWith('Please confirm')) continue;
    const path = nominatorLinkIn(email.body.text, 'confirm');
    const to = email.destination.to[0]?.toLowerCase();
    if (path && to) links.set(to, path);
  }
  return links;
};
