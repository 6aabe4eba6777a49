import type { ExtensionRecord } from '../state';
import type { Evolvers } from '../registries';
import type { ExtensionApproved, ExtensionRefused, ExtensionsEvent } from './extensions.messages';

function decided(
  extensions: readonly ExtensionRecord[],
  event: ExtensionApproved | ExtensionRefused,
): readonly ExtensionRecord[] {
  return extensions.map((extension) => {
    if (extension.id !== event.data.extensionId) return extension;
    const { decidedOn } = event.data;
    return event.type === 'ExtensionApproved'
      ? { ...extension, status: 'approved', decidedOn, months: event.data.months, validTo: event.data.validTo }
      : { ...extension, status: 'refused', decidedOn, reasons: event.data.reasons };
  });
}

/** X1–X5: a request, then its decision. */
export const extensionsEvolvers: Evolvers<ExtensionsEvent> = {
  ExtensionRequested: (current, { data: { extensionId, requestedOn, prApplication, passportExpiresOn } }) => {
    const record: ExtensionRecord = {
      id: extensionId,
      requestedOn,
      prApplication,
      passportExpiresOn,
      status: 'requested',
      decidedOn: null,
      months: null,
      validTo: null,
      reasons: [],
    };
    return { ...current, extensions: [...current.extensions, record] };
  },
  ExtensionApproved: (current, event) => ({ ...current, extensions: decided(current.extensions, event) }),
  ExtensionRefused: (current, event) => ({ ...current, extensions: decided(current.extensions, event) }),
};
