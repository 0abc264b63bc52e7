"""A bar chart of the main metrics per configuration (matplotlib, PNG)."""

from __future__ import annotations

import io

METRICS = ("recall@5", "mrr@10", "citation_hit", "key_fact_accuracy")


def comparison_chart(summaries: dict[str, dict]) -> bytes:
    """PNG bytes: one group of bars per metric, one bar per configuration."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    import matplotlib.pyplot as plt

    names = list(summaries)
    figure, axes = plt.subplots(figsize=(8, 4.4), dpi=100)
    width = 0.8 / max(len(names), 1)
    for i, name in enumerate(names):
        values = [summaries[name].get(metric) or 0.0 for metric in METRICS]
        bars = axes.bar([m + i * width for m in range(len(METRICS))], values, width, label=name)
        axes.bar_label(bars, labels=[f"{v:.2f}" if summaries[name].get(m) is not None else "n/a"
                                     for v, m in zip(values, METRICS)], fontsize=7)
    axes.set_xticks([m + width * (len(names) - 1) / 2 for m in range(len(METRICS))], METRICS)
    axes.set_ylim(0, 1.1)
    axes.set_ylabel("score")
    axes.set_title("Retrieval configurations on the same questions and index")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(names), fontsize=8, frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
