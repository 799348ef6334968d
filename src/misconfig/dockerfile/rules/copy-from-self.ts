import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-008', slug: 'copy-from-self', type: 'dockerfile', severity: 'CRITICAL',
  title: "COPY --from refers to the stage it is in",
  why: 'A stage cannot copy from itself; the build fails or copies from an image of the same name.',
  fix: 'Point --from at an earlier stage: `COPY --from=build /out /app`.',
  references: ['https://docs.docker.com/build/building/multi-stage/'],
  aliases: ['DL3023', 'AVD-DS-0006'],
  check(ctx) {
    return ctx.instructions.filter((i) => i.keyword === 'COPY' && i.flags.from).flatMap((i) => {
      const st = ctx.stages[i.stage];
      const from = String(i.flags.from).toLowerCase();
      return st && (st.name === from || String(st.index) === from) ? [{ message: `COPY --from=${from} inside stage ${from}`, line: i.line }] : [];
    });
  },
});
