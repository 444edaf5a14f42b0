/** The sentence for a port someone else holds: which port, for what, and what to do. */
export const portTakenError = (port: number, what: string) =>
  new Error(
    `Port ${port} for ${what} is already in use. Stop whatever uses it, or choose another port (see --help).`,
  );

export const isPortTaken = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
