import { DomainError, type Decider } from '@app/kernel';
import { DeciderSpecification } from './decider-specification';

type Add = { type: 'Add'; data: { amount: number } };
type Added = { type: 'Added'; data: { amount: number; note?: string } };

const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.amount,
  decide: ({ data }, total) => {
    if (data.amount <= 0) throw new DomainError('NOT_POSITIVE', 'positive amounts only');
    if (total + data.amount > 10) throw new Error('not a domain error');
    return data.amount === 7
      ? [{ type: 'Added', data: { amount: 7, note: undefined } }]
      : [{ type: 'Added', data: { amount: data.amount } }];
  },
};

const spec = DeciderSpecification(counter);
const add = (amount: number): Add => ({ type: 'Add', data: { amount } });
const added = (amount: number): Added => ({ type: 'Added', data: { amount } });

describe('DeciderSpecification (given/when/then)', () => {
  it('passes when the decided events are the expected ones', () => {
    spec
      .given([added(2)])
      .when(add(3))
      .then([added(3)]);
  });

  it('fails when the decided events differ', () => {
    expect(() =>
      spec
        .given()
        .when(add(3))
        .then([added(4)]),
    ).toThrow();
  });

  it('fails when an event does not survive a JSON round trip (undefined member)', () => {
    expect(() =>
      spec
        .given()
        .when(add(7))
        .then([added(7)]),
    ).toThrow();
  });

  it('passes thenThrows on the expected code and kind', () => {
    spec.given().when(add(0)).thenThrows('NOT_POSITIVE', 'rule');
  });

  it('fails thenThrows when nothing is thrown', () => {
    expect(() => spec.given().when(add(1)).thenThrows('NOT_POSITIVE')).toThrow();
  });

  it('fails thenThrows on another code, another kind or a plain Error', () => {
    expect(() => spec.given().when(add(0)).thenThrows('OTHER')).toThrow();
    expect(() => spec.given().when(add(0)).thenThrows('NOT_POSITIVE', 'conflict')).toThrow();
    expect(() =>
      spec
        .given([added(9)])
        .when(add(5))
        .thenThrows('NOT_POSITIVE'),
    ).toThrow();
  });
});
