import { GUIDE_SECTIONS } from './render.js';

/**
 * Public H-1B sponsor data (DOL LCA and USCIS Data Hub files) in its own SQLite database: not
 * member data, so no records for /forget; it cites the guide's sponsor-list advice.
 */
export const sponsorsFeature = {
  name: 'sponsors',
  guideRefs: async () => [...GUIDE_SECTIONS],
};
