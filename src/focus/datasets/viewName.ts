/**
 * The snake_case name readers see a dataset under (`AIUnitEconomics` → `ai_unit_economics`): the view `finops-hub
 * views` defines over it, and the file name of a dataset a run computes.
 */
export function viewName(dataset: string): string {
    return dataset
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
        .toLowerCase();
}
