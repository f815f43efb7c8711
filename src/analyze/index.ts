// The default engine: dispatches an action to the shell or SQL analyser. Parsers are imported
// lazily inside those analysers, so argv without nested scripts never loads tree-sitter.
import type { Action, Analysis, AnalyzeContext, Analyzer } from '../core/types.js';
import { analyzeMinimal } from './minimal.js';

export const defaultAnalyzer: Analyzer = {
  async analyze(action: Action, ctx: AnalyzeContext): Promise<Analysis> {
    return analyzeMinimal(action, ctx);
  },
};
