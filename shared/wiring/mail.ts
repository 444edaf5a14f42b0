import { SesSender, sesClient } from '../adapters/ses-sender.ts';
import { mailConfig } from '../config.ts';

export const sesSender = () => {
  const { from, configurationSet, endpoint } = mailConfig();
  return new SesSender(sesClient(endpoint), from, configurationSet);
};
