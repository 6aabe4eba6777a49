import { isAfter, type PlainDate } from '../dates/plain-date';
import { POLICY } from '../policy/policy';
import type { OpenNoc } from './work-permit';

/** Section 9, M1: NOC 9999 for applications received (Eastern date) on or before 2022-11-15, 99999 from 2022-11-16. */
export const openNocFor = (receivedOn: PlainDate): OpenNoc =>
  isAfter(receivedOn, POLICY.lastFourDigitNocDate) ? '99999' : '9999';
