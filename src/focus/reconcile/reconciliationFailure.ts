import { PipelineError } from '../../errors';
import type { Group, ReconcileSpec } from './reconcileSpec';

/** A group as messages name it: `for BillingCurrency USD, ChargeCategory Usage, ChargeClass (none)`. */
export function describeGroup(spec: ReconcileSpec, group: Group): string {
    const parts = [
        ...(spec.currency ? [`${spec.currency} ${group.currency ?? '(none)'}`] : []),
        ...spec.categories.map((c, i) => `${c} ${group.categories[i] ?? '(none)'}`),
    ];
    return parts.length > 0 ? `for ${parts.join(', ')}` : 'in all';
}

/** The `ReconciliationFailed` error: `subject` does not reconcile, `what` says where and by how much. */
export function reconciliationFailure(subject: string, what: string): PipelineError {
    return new PipelineError(
        'ReconciliationFailed',
        `${subject} does not reconcile: ${what}, which no documented rule explains; nothing is published.`,
    );
}
