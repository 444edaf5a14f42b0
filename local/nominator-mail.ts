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
    const path = email.body.text?.match(/\/nominations\/confirm\/[\w.-]+/)?.[0];
    const to = email.destination.to[0]?.toLowerCase();
    if (path && to) links.set(to, path);
  }
  return links;
};
