import type { ReactNode } from 'react';
import { Upload } from 'lucide-react';
import { buttonClass } from './Button';
import { cn } from './cn';

/**
 * A file chooser that looks like the secondary button: the label is the button, the native input
 * is visually hidden but keeps its accessible name and keyboard focus (shown on the label).
 */
export function FileButton({ accept, onFile, children }: { accept: string; onFile: (file: File) => void; children: ReactNode }) {
  return (
    <label className={cn(buttonClass({ variant: 'secondary', size: 'md' }), 'focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-focus')}>
      <Upload aria-hidden="true" className="size-4" />
      {children}
      <input
        type="file"
        accept={accept}
        className="sr-only"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so choosing the same file again still fires a change.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
