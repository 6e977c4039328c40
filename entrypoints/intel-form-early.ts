import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { sendEarlyCaptureRequests } from '../lib/host/intel-form-early';

/**
 * A classic script the intel form page runs while its HTML is parsed (intel-form/index.html), before
 * the form's modules load: the background reads the capture, the language and the pickers meanwhile.
 */
export default defineUnlistedScript(() => sendEarlyCaptureRequests());
