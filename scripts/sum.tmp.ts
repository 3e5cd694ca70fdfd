import * as rl from "../kernel-lib/src";
const res = rl.readResults(process.argv[2]);
const sums = rl.summarizeProtocol(res.records, res.spec);
for (const s of sums) console.log(JSON.stringify(s.condition), "lr", s.lr, rl.formatInterval(s.test), Object.entries(s.metrics).map(([k, v]) => `${k} ${rl.formatInterval(v)}`).join(" "), s.runs.map(r=>`${r.bestEpoch}/${r.epochs}`).join(" "));
console.log(res.computedWith);
