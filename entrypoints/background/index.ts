import { defineBackground } from 'wxt/utils/define-background';
import { getDatabase } from '../../lib/db/database';
import { setUpBackground } from '../../lib/background/setup';

export default defineBackground({
  type: 'module',
  main() {
    setUpBackground({ db: getDatabase() });
  },
});
