import { isISO31661Alpha3, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * ICAO Doc 9303 nationality codes outside ISO 3166-1: XXA stateless person, XXB refugee under the
 * 1951 Convention, XXC other refugee, XXX unspecified nationality.
 */
export const ICAO_NON_STATE_NATIONALITIES = ['XXA', 'XXB', 'XXC', 'XXX'] as const;

const CAPITALS = /^[A-Z]{3}$/;

export function isCountryCode(value: unknown, allowNonStateNationalities = false): value is string {
  if (typeof value !== 'string' || !CAPITALS.test(value)) return false;
  if (isISO31661Alpha3(value)) return true;
  return allowNonStateNationalities && (ICAO_NON_STATE_NATIONALITIES as readonly string[]).includes(value);
}

/** An ISO 3166-1 alpha-3 code in capitals (`FRA`, `CAN`); optionally an ICAO non-state nationality. */
export function IsCountryCode(
  settings: Readonly<{ allowNonStateNationalities?: boolean }> = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const allow = settings.allowNonStateNationalities ?? false;
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) => isCountryCode(value, allow),
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 3166-1 alpha-3 country code in capitals, e.g. FRA` +
          (allow ? ` (or ${ICAO_NON_STATE_NATIONALITIES.join(', ')})` : ''),
      },
    },
    options,
  );
}
