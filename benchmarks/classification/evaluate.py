"""Score the field classifier against the labelled evaluation set.

    python benchmarks/classification/evaluate.py [--split tune|heldout|holdout2|holdout3|holdout4|holdout5|holdout6|holdout7|holdout8|holdout9|holdout10|holdout11|holdout12|holdout13|holdout14|holdout15|holdout16|holdout17|holdout18|holdout19|holdout20|holdout21|holdout22|holdout23|holdout24|holdout25|all|all+blind]
                                                 [--errors N] [--no-labels]

eval.csv holds (source, container, field, type, category, split, label): fields from the
models of public projects (harvest.py) and from well-known public schemas,
labelled by hand as a privacy officer would (a category key, or `none` for
data that is not personal). `heldout` rows come from sources that were never
looked at while tuning the rules (round 1). `holdout2` rows come from 29 PyPI
packages added in round 2 (booking, donations, payroll, attendance, ledger,
PayPal IPN, OAuth, 2FA, helpdesk, messaging, request logging), labelled before
the classifier was run on them and never tuned on. `holdout3` rows come from 30
more packages added in round 3 (home care, CRM, HR, shops, conferences, forums,
2FA and token tables), with the same discipline (HOLDOUT3.md). `holdout4` rows come from 26
packages added in round 4 (a medical information system, wearable health data, schools and courses,
social and friendship apps, real estate and rentals, delivery, bill payments, legal acceptance,
job boards), labelled by LABELING.md before the classifier was run on them (HOLDOUT4.md).
`holdout5` rows come from 15 packages added in round 5 (a CRM's contacts, e-mail and billing, a
clinical-trial registry, a lead-tracking CRM, an address book, a school, customer billing, bookings,
doctor appointments, subscriptions, invoices, FastAPI users), labelled the same way (HOLDOUT5.md).
`holdout6` rows come from 12 packages added in round 6, mostly Flask, SQLAlchemy and pydantic apps
(workouts, a school, health-insurance claims, a Lightning wallet, production tracking, IoT metering,
a conference, a CMS, accounts, grading, shared expenses), labelled the same way (HOLDOUT6.md).
`holdout7` rows come from 12 packages added in round 7 (a store, a nursing home, trips, learning, a
Flask shop, invoicing, HR, a helpdesk, coworking billing, a forum, events, a patient registry),
labelled the same way (HOLDOUT7.md).
`holdout8` rows come from 10 packages added in round 8 (SaaS billing, a hotel-booking API, sports
clubs, volunteer sign-ups, property listings, meal delivery, a hostel, car rental, pet adoption),
labelled the same way (HOLDOUT8.md).
`holdout9` rows come from 12 packages added in round 9 (a fintech wallet, a school information system
with SQL naming, a school website, job search and résumés, donations, event registration, IoT devices,
visitor passes, library loans), labelled the same way (HOLDOUT9.md).
`holdout10` rows come from 11 packages added in round 10 (HIV care, election filings, a sales CRM, a
Stripe marketplace, an ISP's RADIUS tables, carpools, Norwegian HR, payroll, appointments, a Google
Health connection), labelled the same way (HOLDOUT10.md); it has been measured and is in the default run.
`holdout11` rows come from 10 packages added in round 11 (a shop, a helpdesk, a Q&A community, health
insurance enrolment, SaaS accounts, course submissions, a mailing-list archive, HR, billing references, event
registrations), labelled the same way (HOLDOUT11.md); it has been measured and is in the default run.
`holdout12` rows come from 10 packages added in round 12 (a shop, a school's learning platform, an
assembly's motions, elections and votes, a clinical record, SaaS billing profiles, affiliate payouts, a
visitor-tracking CRM, a PSA's tickets, contacts and timesheets, a food diary, moderated comments),
labelled the same way (HOLDOUT12.md); it has been measured (blind, once) and is in the default run.
`holdout13` rows come from 10 packages added in round 13 (a shop with couriers, an agency CRM and HR tool,
course evaluation, research allocations, insurance sales, a vehicle fleet, consumer loans, person models,
vacancies, an event planner), labelled the same way (HOLDOUT13.md); measured blind once, now in the default
run. `holdout14` rows come from 10 packages added in round 14 (a mobile learning server, courses by e-mail,
billing with SEPA debits, a shipping platform, a register of politicians, a helpdesk, a non-profit CRM, research
HR contracts, bank payments, citizens' initiatives), labelled the same way (HOLDOUT14.md); measured blind once,
now in the default run. `holdout15` rows come from 10 packages added in round 15 (a practice's medical records, a
FHIR server, lab reservations, social networks, a campus dating app, a runner's log, a school information system,
RSVPs, a gift registry) (HOLDOUT15.md); measured blind once, now in the default run. `holdout16` rows come from 10
packages added in round 16 (certificates, a ledger, a network register, annotation, mail hosting, a conference,
research plans, error tracking, xAPI learning records) (HOLDOUT16.md); measured blind once, now in the default run.
`holdout17` rows come from 10 packages added in round 17 (a school register, learner analytics, a media site, public
officials, an identity API, camp registrations, Shopify customers, a social layer, a club's members, charity donors)
(HOLDOUT17.md); measured blind once, now in the default run. `holdout18` rows come from 13 packages added in round
18 (hotel guests, flight passengers, a service desk, a shop, a CRM, shipping orders, HR notes, exam proctoring,
discussions, bookable hours, applicant tracking, a school diary, health professionals) (HOLDOUT18.md); measured
blind once, now in the default run. `holdout19` rows come from 11 packages added in round 19 (Wi-Fi accounting, a
welfare centre, a gaming community, a clinic's EHR, a personal health record, a loyalty shop, document management,
event sign-ups, school invoicing, bookkeeping, HR sync) (HOLDOUT19.md); measured blind once, now in the default run.
`holdout20` rows come from 11 packages added in round 20 (a dental practice's API, identity verification, a web
framework's accounts and messages, a vacation-rental client, a chat-and-wallet app, PayPal checkouts, supplier bills,
testimonials, a courier, an auth service, a wallet) (HOLDOUT20.md); measured blind once, now in the default run.
`holdout21` rows come from 20 packages added in round 21 (a customer-data platform's API, a survey tool, a fablab's
members, a payroll ERP, a wedding site, genealogy, web analytics and consent logs, a network source of truth, a GIS
portal, a breeding colony, HPC accounting, an RSS reader, chess statistics)
(HOLDOUT21.md); measured blind once (session 15), now in the default run.
`holdout22` rows come from 11 packages added in round 22 (HOLDOUT22.md); measured blind once (session 16), now in
the default run.
`holdout23` rows come from 11 packages added in round 23 (HOLDOUT23.md); measured blind once (session 17), now in
the default run.
`holdout24` rows come from 11 packages added in round 24 (HOLDOUT24.md); measured blind once (session 18), now in
the default run.
`holdout25` (HOLDOUT25.md) is the next blind split: it stays out of the default run until it has been measured once.

The `label` column is the human label the source declares for the field
(Django `verbose_name` or first positional string, form `label`, pydantic `title`,
SQLAlchemy `comment`, SQL column comment), filled by `harvest.py --fill` from the
packages and versions in sources.csv; it is empty for hand-written sources. By
default the fields are scored as the product classifies them,
`classify_labelled(classifier, field, container, type, label, neighbours)`, and a
closing table gives each split with and without labels (`classify`, the name
alone). `--no-labels` scores the name alone, as before labels were evidence.

Precision and recall are about "is it personal data at all"; category accuracy
is the share of fields found personal by both the hand category and the tool
where the category is exactly the labelled one.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from scanner.classify import classify_labelled
from scanner.classify_senses import word_senses
from scanner.ruleset import load_ruleset

HERE = Path(__file__).resolve().parent


# The newest blind split: measured once, by `--split holdout25` only. `all` leaves it out, so that a pooled
# total never reads it by accident (a slip in round 12).
BLIND = "holdout25"
# A split being labelled for the session after: out of every run, `--split` included, until it becomes BLIND.
NEXT_BLIND = "holdout26"


def load(split: str) -> list[dict[str, str]]:
    """The rows of one split; `all` is every split but the blind one, `all+blind` every row."""
    with (HERE / "eval.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows = [r for r in rows if r["split"] != NEXT_BLIND]
    if split == "all+blind":
        return rows
    if split == "all":
        return [r for r in rows if r["split"] != BLIND]
    return [r for r in rows if r["split"] == split]


def neighbours_of(rows: list[dict[str, str]]) -> list[list[str]]:
    """Each row's neighbours: the fields of the same container in the same source, as the product sees them."""
    siblings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        siblings[(r["source"], r["container"])].append(r["field"])
    return [siblings[(r["source"], r["container"])] for r in rows]


def predict(rows: list[dict[str, str]], labels: bool = True) -> list[str]:
    """The tool's category for each row ("none" when not personal): by `classify_labelled`
    with the row's declared label, or by the name alone when `labels` is false."""
    classifier = load_ruleset().classifier
    # a source's containers give its words their sense, as a module's do in a scan (classify_senses)
    modules: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for r, neighbours in zip(rows, neighbours_of(rows)):
        modules[r["source"]][r["container"]] = neighbours
    senses = {source: word_senses(classifier, containers) for source, containers in modules.items()}
    out = []
    for r, neighbours in zip(rows, neighbours_of(rows)):
        if labels:
            c = classify_labelled(classifier, r["field"], r["container"], r["type"], r.get("label", ""), neighbours,
                                  senses[r["source"]])
        else:
            c = classifier.classify(r["field"], r["container"], r["type"], neighbours=neighbours)
        out.append(c.category if c else "none")
    return out


def score(rows: list[dict[str, str]], preds: list[str]) -> dict[str, float]:
    tp = sum(1 for r, p in zip(rows, preds) if r["category"] != "none" and p != "none")
    fp = sum(1 for r, p in zip(rows, preds) if r["category"] == "none" and p != "none")
    fn = sum(1 for r, p in zip(rows, preds) if r["category"] != "none" and p == "none")
    exact = sum(1 for r, p in zip(rows, preds) if r["category"] != "none" and p == r["category"])
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "accuracy": exact / tp if tp else 1.0, "tp": tp, "fp": fp, "fn": fn, "exact": exact}


def report(rows: list[dict[str, str]], preds: list[str], title: str, errors: int) -> dict[str, float]:
    m = score(rows, preds)
    tp, fp, fn, exact = m["tp"], m["fp"], m["fn"], m["exact"]
    precision, recall, accuracy = m["precision"], m["recall"], m["accuracy"]
    print(f"== {title}: {len(rows)} fields, {tp + fn} personal")
    print(f"precision {precision:.3f}  recall {recall:.3f}  category accuracy {accuracy:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn}, exact {exact})")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for r, p in zip(rows, preds):
        if r["category"] != "none":
            per[r["category"]]["n"] += 1
            per[r["category"]]["found"] += p != "none"
            per[r["category"]]["exact"] += p == r["category"]
        if p != "none":
            per[p]["predicted"] += 1
            per[p]["correct"] += p == r["category"]
    print(f"\n{'category':<52} {'n':>4} {'recall':>7} {'exact':>6} {'pred':>5} {'prec':>6}")
    for cat in sorted(per, key=lambda c: -per[c]["n"]):
        s = per[cat]
        rec = f"{s['found'] / s['n']:.2f}" if s["n"] else "-"
        ex = f"{s['exact'] / s['n']:.2f}" if s["n"] else "-"
        pr = f"{s['correct'] / s['predicted']:.2f}" if s["predicted"] else "-"
        print(f"{cat:<52} {s['n']:>4} {rec:>7} {ex:>6} {s['predicted']:>5} {pr:>6}")
    confusions = Counter((r["category"], p) for r, p in zip(rows, preds) if r["category"] != p)
    print("\nworst confusions (label -> predicted):")
    for (label, p), n in confusions.most_common(12):
        print(f"  {n:>3}  {label} -> {p}")
    if errors:
        print("\nerrors:")
        for r, p in zip(rows, preds):
            if r["category"] != p:
                shown = f"  [{r['label']!r}]" if r.get("label") else ""
                print(f"  {r['source']:<22} {r['container']}.{r['field']}:{r['type']}{shown}  expected {r['category']}  got {p}")
                errors -= 1
                if not errors:
                    break
    print()
    return {"precision": precision, "recall": recall, "accuracy": accuracy}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19", "holdout20", "holdout21", "holdout22", "holdout23", "holdout24", BLIND, "all", "all+blind", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="list up to N misclassified fields")
    parser.add_argument("--no-labels", action="store_true",
                        help="classify by the name alone (no declared labels), as before labels were evidence")
    args = parser.parse_args(argv)
    splits = ("tune", "heldout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19", "holdout20", "holdout21", "holdout22", "holdout23", "holdout24") if args.split == "both" else (args.split,)
    summary = []
    for split in splits:
        rows = load(split)
        plain = predict(rows, labels=False)
        labelled = plain if args.no_labels else predict(rows, labels=True)
        how = "name only" if args.no_labels else "with labels"
        report(rows, labelled, f"{split} ({how})", args.errors)
        changed = sum(1 for a, b in zip(plain, labelled) if a != b)
        summary.append((split, len(rows), sum(1 for r in rows if r.get("label")), score(rows, plain),
                        score(rows, labelled), changed))
    if args.no_labels:
        print("== name only (classify)")
        print(f"{'split':<10} {'rows':>6}   {'P':>5} {'R':>5} {'acc':>5}")
        for split, n, _, a, _, _ in summary:
            print(f"{split:<10} {n:>6}   {a['precision']:.3f} {a['recall']:.3f} {a['accuracy']:.3f}")
        return 0
    print("== name only (classify) vs with labels (classify_labelled, the product); "
          "changed: rows whose answer the label changed")
    print(f"{'split':<10} {'rows':>6} {'labelled':>8}   {'P':>5} {'R':>5} {'acc':>5}   {'P':>5} {'R':>5} {'acc':>5}   {'changed':>7}")
    for split, n, labelled_rows, a, b, changed in summary:
        print(f"{split:<10} {n:>6} {labelled_rows:>8}   {a['precision']:.3f} {a['recall']:.3f} {a['accuracy']:.3f}"
              f"   {b['precision']:.3f} {b['recall']:.3f} {b['accuracy']:.3f}   {changed:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
