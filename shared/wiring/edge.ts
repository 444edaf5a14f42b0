import { secretKey } from '../adapters/secret-key.ts';
import { edgeConfig } from '../config.ts';

/** The origin secret CloudFront sends, read from Secrets Manager; undefined where no CloudFront stands in front. */
export const edgeOriginSecret = () => {
  const config = edgeConfig();
  return config && secretKey(config.secretId, config.endpoint, 'The origin secret');
};
