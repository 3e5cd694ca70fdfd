// The grade records that grading, storing and reporting share (apart from grade.ts, so store.ts and report.ts need not import it).
import type { CellGrade } from "./score";

/** Short reasons an instructor sees in the CSV's notes column. */
export type Flag = "sandbox off" | "timeout" | "output capped" | "protocol error" | "kernel died";

/** One student's grade. */
export interface StudentGrade { student: string; file: string; total: number; maxTotal: number; cells: CellGrade[]; notes: string[]; flags: Flag[] }
