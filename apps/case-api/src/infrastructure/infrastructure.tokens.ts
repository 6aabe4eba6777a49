/** The validated `AppConfig`. */
export const APP_CONFIG = Symbol('AppConfig');
