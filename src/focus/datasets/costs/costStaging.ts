import { ledgerSelect } from '../../reconcile/ledgerSelect';
import type { PartInput } from '../hubDataset';
import { partReader } from '../partReader';
import type { SourceColumn } from '../stagingSelect';
import { COST_RECONCILIATION } from './costReconciliation';
import { stagingSelect } from './stagingSelect';

/** The query of a part's output columns (`only`: just those), with its ledger columns (ledgerSelect) when `ledger`. */
export type CostStaging = (only?: readonly string[], ledger?: boolean) => string;

/** How a FocusCost part's columns are read (stageCostPart): stagingSelect from its reader, with its ledger columns. */
export function costStaging(input: PartInput, sourceColumns: SourceColumn[]): CostStaging {
    const source = partReader(input, sourceColumns);
    return (only, withLedger = false) => {
        // The column check first: a part lacking a cost column is named with everything else it lacks.
        const columns = stagingSelect(sourceColumns, input.dataVersion, input.name, only);
        const ledger = withLedger ? ledgerSelect(COST_RECONCILIATION, sourceColumns, input.name) : [];
        return `select ${[columns, ...ledger].join(',\n    ')} from ${source}`;
    };
}
