import type { ButtonHTMLAttributes } from 'react';
import { buttonStyles } from './styles';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'small' | 'icon' };

/** A button that defaults to type="button", so only the explicit submit button submits a form. */
export function Button({ variant = 'secondary', type = 'button', style, disabled, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled}
      style={{
        ...buttonStyles.base,
        ...(variant === 'primary' ? buttonStyles.primary : null),
        ...(variant === 'small' ? buttonStyles.small : null),
        ...(variant === 'icon' ? buttonStyles.icon : null),
        ...(disabled ? buttonStyles.disabled : null),
        ...style,
      }}
      {...rest}
    />
  );
}
