/** metav1.LabelSelectorAsSelector semantics for validation: whether a selector converts, and what it matches. */
 

/** The conversion error upstream would report for a malformed selector, if any. */
export function selectorError(sel: any): string | undefined {
  for (const expr of sel?.matchExpressions ?? []) {
    const values: unknown[] = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return 'for \'in\', \'notin\' operators, values set can\'t be empty';
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return "values set must be empty for exists and does not exist";
        break;
      default:
        return `"${expr.operator}" is not a valid label selector operator`;
    }
  }
  return undefined;
}

/** Whether a (non-nil) label selector selects a set of labels. */
export function matchesSelector(sel: any, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const expr of sel?.matchExpressions ?? []) {
    const has = expr.key in labels;
    const values: string[] = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[expr.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expr.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}
