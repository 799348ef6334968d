// `npm run accuracy:misconfig [-- --verbose]`: the figures of docs/misconfig.md, measured on
// hadolint's and kube-linter's own cases.
import { formatHadolintScores, scoreHadolintCases } from './hadolint-cases.js';
import { formatKubeLinterScores, scoreKubeLinterCases } from './kube-linter-cases.js';

const verbose = process.argv.includes('--verbose');
console.log(formatHadolintScores(scoreHadolintCases(), verbose));
console.log(formatKubeLinterScores(scoreKubeLinterCases(), verbose));
