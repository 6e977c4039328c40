import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { captureHashOf, captureOfHash, injectionBlocked } from '../../lib/intel/capture-target';

describe('where the intel capture opens', () => {
  it('injects into web pages', () => {
    for (const url of ['https://item.jd.com/100012345.html', 'http://192.168.1.10/price-list', 'https://shop.example/a.pdf.html', 'https://shop.example/?file=x.pdf'])
      expect(injectionBlocked(url), url).toBe(false);
  });

  it('opens in the side panel on browser pages, the extension stores, other extensions (the PDF viewer) and PDFs', () => {
    for (const url of [
      undefined,
      '',
      'chrome://newtab/',
      'chrome://settings',
      'edge://extensions',
      'about:blank',
      'chrome-extension://mhjfbmdgcfjbbpaeojofohoifgmbfjpm/index.html',
      'view-source:https://shop.example/',
      'https://chromewebstore.google.com/detail/abc',
      'https://chrome.google.com/webstore/category/extensions',
      'https://microsoftedge.microsoft.com/addons/detail/x',
      'https://addons.mozilla.org/zh-CN/firefox/',
      'https://www.castrol.com/content/dam/price-list-2026.PDF',
      'file:///home/rep/a.pdf',
      'not a url',
    ])
      expect(injectionBlocked(url), String(url)).toBe(true);
  });

  it('carries the address and title to the side panel and back', () => {
    const hash = captureHashOf({ url: 'https://www.castrol.com/price-list.pdf?v=2#page=3', title: '嘉实多 2026 价目表 & 促销' });
    expect(hash.startsWith('#intel/capture?')).toBe(true);
    expect(captureOfHash(hash)).toEqual({ sourceUrl: 'https://www.castrol.com/price-list.pdf?v=2#page=3', sourceTitle: '嘉实多 2026 价目表 & 促销' });
    expect(captureOfHash('#intel/capture')).toEqual({});
    expect(captureOfHash('#intel')).toBeUndefined();
    expect(captureOfHash('#intel/captured')).toBeUndefined();
  });

  it('never makes a link of a browser page or script address; it is kept as text', () => {
    expect(captureOfHash(captureHashOf({ url: 'chrome://newtab/' }))).toEqual({ sourceTitle: 'chrome://newtab/' });
    expect(captureOfHash('#intel/capture?url=javascript%3Aalert(1)&title=x')).toEqual({ sourceTitle: 'x' });
  });

  it('round-trips any address and title, capped', () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.string({ maxLength: 800 }), (url, title) => {
        const back = captureOfHash(captureHashOf({ url, title }))!;
        expect(back.sourceUrl).toBe(url.slice(0, 2048));
        expect(back.sourceTitle ?? '').toBe(title.slice(0, 500).trim());
      }),
    );
  });
});
