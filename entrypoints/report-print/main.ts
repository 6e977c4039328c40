// The print page: one report laid out for paper; the browser's print dialog makes the PDF.
import { setUpExtensionPage } from '../../lib/host/extension-page';
import { showPrintPage } from '../../components/reports/print-page';

const { db, browserLanguage } = setUpExtensionPage();
void showPrintPage(db, browserLanguage, location.hash, document);
