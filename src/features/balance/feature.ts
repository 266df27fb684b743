import { loadBalanceContent } from './content.js';

export const balanceFeature = {
  name: 'balance',
  content: [{ name: 'balance specialties, stages and strategies', load: loadBalanceContent }],
};
