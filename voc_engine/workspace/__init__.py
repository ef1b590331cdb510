"""What the web workspace shows that no single other service answers: the overview of a period.

Its figures are the other services' results, put side by side (stats: `voc_engine.store.stats`;
cases: `voc_engine.alerting.cases.CaseService`), never computed a second time.
"""
