/** A rule that cannot be turned into SQL against this relation (missing column, malformed check); it is skipped. */
export class RuleNotEvaluable extends Error {
    override name = 'RuleNotEvaluable';
}
