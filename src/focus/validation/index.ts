export { azureCriteria } from './azureCriteria';
export { FocusModel, loadFocusModel, parseFocusModel } from './focusModel';
export { formatValidation } from './formatValidation';
export { loadRuleOverrides, noOverrides, parseRuleOverrides, RuleOverrides } from './ruleOverrides';
export { sourceGaps } from './sourceGaps';
export { conforms, FailedRule, hubFailures, sourceGapFailures, summarize, ValidationSummary } from './summarize';
export { validateFocus, ValidateOptions } from './validateFocus';
export { isMandatory, RuleResult, RuleStatus, ValidationReport } from './validationReport';
