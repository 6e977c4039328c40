import { createContext, useContext, type ReactNode } from 'react';
import { downscalePhoto, type PhotoDownscaler } from './downscale-photo';

/**
 * Which downscaler the visit-card form uses: the browser's (canvas) unless a provider says
 * otherwise. Component tests run in jsdom, which has no canvas, and supply a fake here.
 */
const PhotoDownscalerContext = createContext<PhotoDownscaler>(downscalePhoto);

export function PhotoDownscalerProvider({ downscale, children }: { downscale: PhotoDownscaler; children: ReactNode }) {
  return <PhotoDownscalerContext value={downscale}>{children}</PhotoDownscalerContext>;
}

export function usePhotoDownscaler(): PhotoDownscaler {
  return useContext(PhotoDownscalerContext);
}
