// tsc does not copy non-TypeScript files: put the SQL and data files beside the compiled code that loads them.
import { cpSync } from 'node:fs';

for (const dir of ['src/focus/sql', 'src/focus/data']) {
    cpSync(dir, `dist/${dir}`, { recursive: true });
}
