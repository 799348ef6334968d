// hadolint's published rule table (README "Rules"), the ids our Dockerfile rules alias.
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `DL${a + i}`);
export const HADOLINT = [
  'DL1001', ...range(3000, 3004), ...range(3006, 3016), ...range(3018, 3030), ...range(3032, 3038), ...range(3040, 3062),
  'DL4000', 'DL4001', 'DL4003', 'DL4004', 'DL4005', 'DL4006',
];
