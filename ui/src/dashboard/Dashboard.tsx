//! The manager's dashboard for one pipeline: value by stage (value and weighted), the
//! forecast by month, won vs lost, and per salesperson (open / won / lost).

import { usePlatform } from "../app/context";
import { useData } from "../app/useData";
import { errorText, useT } from "../i18n/I18n";
import { BarChart } from "../charts/BarChart";
import { ColumnChart } from "../charts/ColumnChart";
import { Donut } from "../charts/Donut";
import { PipelinePicker, usePipelineChoice } from "../deals/DealsScreen";

const C = { value: "var(--chart-1)", weighted: "var(--chart-2)", open: "var(--chart-1)", won: "var(--success)", lost: "var(--danger)" };

export function Dashboard() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const pipelines = useData(() => platform.invoke("pipelines", null), [], ["pipeline"]);
  const [pipeline, setPipeline] = usePipelineChoice(pipelines.data);
  const dash = useData(() => (pipeline ? platform.invoke("dashboard", { pipeline }) : Promise.resolve(null)), [pipeline], ["deal", "pipeline"]);

  const d = dash.data;
  const wonLostTotal = d ? d.won.count + d.lost.count : 0;
  return (
    <section className="screen dashboard">
      <header className="screen-head">
        <div className="title-row">
          <h1>{t("dash.title")}</h1>
        </div>
        <div className="head-actions">{pipelines.data && pipelines.data.length > 0 && <PipelinePicker pipelines={pipelines.data} value={pipeline} onChange={setPipeline} />}</div>
      </header>
      {(dash.error || pipelines.error) && <p className="form-error" role="alert">{errorText(i18n, (dash.error ?? pipelines.error)!)}</p>}
      {pipelines.data && !pipelines.data.length && <p className="empty">{t("deals.noPipelines")}</p>}
      {d && (
        <>
          <div className="dash-grid">
            <section className="panel">
              <h2>{t("dash.byStage")}</h2>
              <BarChart
                testId="chart-by-stage"
                title={t("dash.byStage")}
                currency={d.currency}
                series={[
                  { name: t("dash.value"), color: C.value },
                  { name: t("dash.weighted"), color: C.weighted },
                ]}
                groups={d.by_stage.map((s) => ({ label: s.name, values: [s.value.minor, s.weighted.minor], note: i18n.tn("dash.countDeals", s.count) }))}
              />
            </section>
            <section className="panel">
              <h2>{t("dash.wonLost")}</h2>
              <Donut
                testId="chart-won-lost"
                title={t("dash.wonLost")}
                center={wonLostTotal ? `${Math.round((d.won.count / wonLostTotal) * 100)}%` : "—"}
                centerNote={t("dash.won").toLowerCase()}
                slices={[
                  { label: t("dash.won"), value: d.won.value.minor, color: C.won, detail: `${i18n.tn("dash.countDeals", d.won.count)} · ${i18n.money(d.won.value, { whole: true })}` },
                  { label: t("dash.lost"), value: d.lost.value.minor, color: C.lost, detail: `${i18n.tn("dash.countDeals", d.lost.count)} · ${i18n.money(d.lost.value, { whole: true })}` },
                ]}
              />
              {wonLostTotal > 0 && <p className="hint">{t("dash.winRate", { pct: Math.round((d.won.count / wonLostTotal) * 100) })}</p>}
            </section>
          </div>
          <section className="panel">
            <h2>{t("dash.forecast")}</h2>
            <ColumnChart
              testId="chart-forecast"
              title={t("dash.forecast")}
              currency={d.currency}
              color={C.weighted}
              data={d.forecast.map((m) => ({
                label: m.month === "none" ? t("deals.noDate") : i18n.monthShort(m.month),
                sublabel: m.month === "none" ? "" : m.month.slice(0, 4),
                value: m.weighted.minor,
                count: m.count,
                muted: m.month === "none",
              }))}
            />
          </section>
          <section className="panel">
            <h2>{t("dash.perOwner")}</h2>
            <BarChart
              testId="chart-per-owner"
              title={t("dash.perOwner")}
              currency={d.currency}
              series={[
                { name: t("dash.open"), color: C.open },
                { name: t("dash.won"), color: C.won },
                { name: t("dash.lost"), color: C.lost },
              ]}
              groups={d.per_owner.map((o) => ({ label: o.name || t("dash.noOwner"), values: [o.open.value.minor, o.won.value.minor, o.lost.value.minor] }))}
            />
          </section>
          <p className="hint">{t("dash.currencyNote", { currency: d.currency })}</p>
        </>
      )}
    </section>
  );
}
