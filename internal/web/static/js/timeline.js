// The timeline: a bar chart of events per day or week, and the slider that picks
// the day the map shows.
import { svg, clear } from "./dom.js";
import { toDay, fromDay } from "./api.js";

export class Timeline {
  constructor(chart, slider, label, onChange) {
    this.chart = chart;
    this.slider = slider;
    this.label = label;
    this.onChange = onChange;
    this.first = null;
    this.last = null;
    this.bins = [];
    this.binDays = 1;
    let timer = null;
    slider.addEventListener("input", () => {
      this.showDay();
      clearTimeout(timer);
      timer = setTimeout(() => this.onChange(this.day()), 120);
    });
    chart.addEventListener("click", (ev) => {
      if (this.first === null) return;
      const r = chart.getBoundingClientRect();
      const span = this.last - this.first + 1;
      const d = Math.min(span - 1, Math.max(0, Math.floor(((ev.clientX - r.left) / r.width) * span)));
      this.setDay(this.first + d + this.binDays - 1);
    });
  }

  // setExtent sets the slider's range from the histogram's first and last days,
  // keeping the day shown when it is inside.
  setExtent(first, last) {
    const keep = this.first === null ? null : this.day();
    this.first = toDay(first);
    this.last = toDay(last);
    this.slider.min = "0";
    this.slider.max = String(this.last - this.first);
    const d = keep === null ? this.last : Math.min(this.last, Math.max(this.first, keep));
    this.slider.value = String(d - this.first);
    this.showDay();
  }

  day() {
    return this.first + Number(this.slider.value);
  }

  dayString() {
    return this.first === null ? "" : fromDay(this.day());
  }

  setDay(d) {
    this.slider.value = String(Math.min(this.last, Math.max(this.first, d)) - this.first);
    this.showDay();
    this.onChange(this.day());
  }

  showDay() {
    this.label.textContent = this.dayString();
    this.draw();
  }

  setBins(bins, binDays) {
    this.bins = bins;
    this.binDays = binDays;
    this.draw();
  }

  draw() {
    const c = this.chart;
    clear(c);
    if (this.first === null) return;
    const w = c.clientWidth || 800;
    const h = c.clientHeight || 60;
    c.setAttribute("viewBox", `0 0 ${w} ${h}`);
    const span = this.last - this.first + 1;
    const x = (d) => ((d - this.first) / span) * w;
    const max = Math.max(1, ...this.bins.map((b) => b.count));
    const bw = Math.max(1, (w / span) * this.binDays - 1);
    const day = this.day();
    for (const b of this.bins) {
      const d = toDay(b.start);
      const bh = Math.max(1, (b.count / max) * (h - 4));
      const bar = svg("rect", { x: x(d).toFixed(1), y: (h - bh).toFixed(1), width: bw.toFixed(1), height: bh.toFixed(1), class: d <= day ? "bar" : "bar after" });
      bar.appendChild(svg("title", {}, `${b.start}: ${b.count} events`));
      c.appendChild(bar);
    }
    c.appendChild(svg("line", { x1: x(day + 1).toFixed(1), x2: x(day + 1).toFixed(1), y1: 0, y2: h, class: "now" }));
  }
}
