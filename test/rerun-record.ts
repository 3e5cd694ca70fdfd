// `node --import tsx test/rerun-record.ts <sweep> <config JSON>`: one run of a stored sweep, with the sweep's own run
// function (scripts/experiments/sweeps.ts), under the backend and precision its results file records; prints the record.
import { assertSameComputation, readResults, setBackend, setPrecision } from "../kernel-lib/src";
import { SWEEPS } from "../scripts/experiments/sweeps";

const [name, config] = process.argv.slice(2);
const sweep = SWEEPS[name];
if (!sweep) throw new Error(`rerun-record: unknown sweep "${name}", expected one of ${Object.keys(SWEEPS).join(", ")}`);
const res = readResults(sweep.file);
setBackend(res.computedWith.backend);
setPrecision(res.computedWith.precision);
assertSameComputation(res);
console.log(JSON.stringify(sweep.run(JSON.parse(config))));
