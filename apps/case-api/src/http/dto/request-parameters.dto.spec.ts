import { plainToInstance } from 'class-transformer';
import { ApplicationIdParamDto, ExtensionParamsDto, IntakeYearParamDto, ProjectionNameParamDto } from './params.dto';
import { AuditEventsQueryDto, HistoryQueryDto } from '../../audit/audit-queries.dto';
import { ListApplicationsQueryDto } from '../../case/read/queries.dto';
import { fieldErrorsOf, fieldsOf } from './testing/validate-body';

describe('query strings', () => {
  it('defaults the page limits and converts digits to numbers', async () => {
    expect(plainToInstance(ListApplicationsQueryDto, {})).toEqual({ limit: 50 });
    expect(plainToInstance(AuditEventsQueryDto, {})).toEqual({ after: 0, limit: 100 });
    const query = plainToInstance(ListApplicationsQueryDto, { status: 'received', intakeYear: '2024', limit: '20' });
    expect(query).toEqual({ status: 'received', intakeYear: 2024, limit: 20 });
    expect(
      await fieldErrorsOf(ListApplicationsQueryDto, { status: 'received', intakeYear: '2024', limit: '20' }),
    ).toEqual([]);
  });

  it.each([
    ['limit', { limit: 'abc' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '201' }],
    ['limit', { limit: '1e2' }],
    ['limit', { limit: ['10', '20'] }],
    ['intakeYear', { intakeYear: '2021' }],
    ['status', { status: 'pending' }],
    ['routing', { routing: 'vancouver' }],
    ['cursor', { cursor: 'c'.repeat(513) }],
    ['page', { page: '2' }],
  ])('names a bad list query: %s', async (field, query) => {
    expect(fieldsOf(await fieldErrorsOf(ListApplicationsQueryDto, query))).toEqual([field]);
  });

  it('takes a history as of an instant or a revision, not both', async () => {
    expect(await fieldErrorsOf(HistoryQueryDto, { asOf: '2024-12-05T00:00:00Z' })).toEqual([]);
    expect(await fieldErrorsOf(HistoryQueryDto, { revision: '0' })).toEqual([]);
    expect(await fieldErrorsOf(HistoryQueryDto, { asOf: '2024-12-05T00:00:00Z', revision: '3' })).toEqual([
      { field: 'revision', message: 'revision must be absent when asOf is given' },
    ]);
    expect(fieldsOf(await fieldErrorsOf(HistoryQueryDto, { asOf: '2024-12-05' }))).toEqual(['asOf']);
    expect(fieldsOf(await fieldErrorsOf(HistoryQueryDto, { revision: '-1' }))).toEqual(['revision']);
  });

  it('pages the audit log by position', async () => {
    expect(await fieldErrorsOf(AuditEventsQueryDto, { after: '1523', limit: '1000' })).toEqual([]);
    expect(fieldsOf(await fieldErrorsOf(AuditEventsQueryDto, { after: '9999999999999999', limit: '1001' }))).toEqual([
      'after',
      'limit',
    ]);
  });

  it.each([
    [HistoryQueryDto, { revision: '3' }],
    [AuditEventsQueryDto, {}],
  ])('asks for personal data with personalData=include only (%#)', async (type, query) => {
    expect(await fieldErrorsOf(type, { ...query, personalData: 'include' })).toEqual([]);
    for (const personalData of ['yes', 'Include', '', ['include']]) {
      expect(await fieldErrorsOf(type, { ...query, personalData })).toEqual([
        { field: 'personalData', message: 'personalData must be one of the following values: include' },
      ]);
    }
  });
});

describe('path parameters', () => {
  it('accepts canonical ids, a year and a projection name', async () => {
    const id = '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19';
    expect(await fieldErrorsOf(ApplicationIdParamDto, { id })).toEqual([]);
    expect(
      await fieldErrorsOf(ExtensionParamsDto, { id, extensionId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' }),
    ).toEqual([]);
    expect(await fieldErrorsOf(IntakeYearParamDto, { year: '2024' })).toEqual([]);
    expect(await fieldErrorsOf(ProjectionNameParamDto, { name: 'intake-ledger' })).toEqual([]);
  });

  it.each([
    [ApplicationIdParamDto, { id: 'not-a-uuid' }, 'id'],
    [ApplicationIdParamDto, { id: '3F2B8C1E-5D4A-4C7B-9E21-8A6F0D2C4B19' }, 'id'],
    [ExtensionParamsDto, { id: '3f2b8c1e-5d4a-4c7b-9e21-8a6f0d2c4b19', extensionId: '../etc' }, 'extensionId'],
    [IntakeYearParamDto, { year: '2021' }, 'year'],
    [IntakeYearParamDto, { year: 'twenty' }, 'year'],
    [ProjectionNameParamDto, { name: 'Case View' }, 'name'],
  ])('names a bad path parameter (%#)', async (type, params, field) => {
    expect(fieldsOf(await fieldErrorsOf(type, params))).toEqual([field]);
  });
});
