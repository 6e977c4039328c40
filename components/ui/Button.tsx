import type { ButtonHTMLAttributes } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { cn } from './cn';

/**
 * The one button of the product: variants by meaning, one size scale (sm 28 px, md 36 px, icon
 * 28 px square). Defaults to type="button", so only an explicit submit button submits a form.
 */
export const buttonClass = cva(
  'inline-flex items-center justify-center gap-1.5 whitespace-nowrap rounded-md border font-medium transition-colors select-none disabled:cursor-default disabled:opacity-55 cursor-pointer',
  {
    variants: {
      variant: {
        primary: 'border-accent bg-accent text-accent-ink hover:bg-accent-hover hover:border-accent-hover',
        secondary: 'border-line bg-surface text-ink hover:bg-soft',
        ghost: 'border-transparent bg-transparent text-ink hover:bg-soft',
        danger: 'border-danger bg-surface text-danger hover:bg-danger-soft',
      },
      size: {
        sm: 'h-7 px-2.5 text-sm',
        md: 'h-9 px-3.5 text-base',
        icon: 'size-7 p-0 text-base',
      },
    },
    defaultVariants: { variant: 'secondary', size: 'md' },
  },
);

type Variant = NonNullable<VariantProps<typeof buttonClass>['variant']>;
type Size = NonNullable<VariantProps<typeof buttonClass>['size']>;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** `small` and `icon` are shorthands kept for older call sites: secondary·sm and ghost·icon. */
  variant?: Variant | 'small' | 'icon';
  size?: Size;
};

export function Button({ variant = 'secondary', size, type = 'button', className, ...rest }: ButtonProps) {
  const resolved: { variant: Variant; size: Size } =
    variant === 'small' ? { variant: 'secondary', size: size ?? 'sm' } : variant === 'icon' ? { variant: 'ghost', size: size ?? 'icon' } : { variant, size: size ?? 'md' };
  return <button type={type} className={cn(buttonClass(resolved), className)} {...rest} />;
}
