// The settings the server reads (section `gongkai`), derived from the
// extension's own. Free of `vscode` so that it can be unit-tested.

export type ReportFormat = "auto" | "2019" | "2021";
export type Severity = "error" | "warning" | "info" | "off";

/** What the server receives under the `gongkai` section. */
export interface ServerSettings {
  reportFormat: ReportFormat;
  select: string[];
  ignore: string[];
  severity: Record<string, Severity>;
}

/** Reads one key of the `gongkai` configuration section. */
export type Get = <T>(key: string) => T | undefined;

const FORMATS: ReportFormat[] = ["auto", "2019", "2021"];
const SEVERITIES: Severity[] = ["error", "warning", "info", "off"];
const CODE = /^GK\d{0,3}$/i;

function codes(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map((c) => String(c).trim().toUpperCase()).filter((c) => CODE.test(c));
}

export function toServerSettings(get: Get): ServerSettings {
  const fmt = String(get<string>("reportFormat") ?? "auto") as ReportFormat;
  const severity: Record<string, Severity> = {};
  const raw = get<Record<string, unknown>>("severity");
  if (raw && typeof raw === "object") {
    for (const [code, sev] of Object.entries(raw)) {
      const c = code.trim().toUpperCase();
      if (CODE.test(c) && SEVERITIES.includes(sev as Severity)) severity[c] = sev as Severity;
    }
  }
  return {
    reportFormat: FORMATS.includes(fmt) ? fmt : "auto",
    select: codes(get("select")),
    ignore: codes(get("ignore")),
    severity,
  };
}

/** The official format a report year uses: 2019 and 2020 → 2019, 2021 on → 2021. */
export function formatForYear(year: number): "2019" | "2021" {
  return year <= 2020 ? "2019" : "2021";
}
