#!/usr/bin/env python3
"""Regenerate the shipped code lists and series in data/ from the public
CBS/Politie exports in ../shared/data/real/ and from the figures stated in
the two policy documents (Regionaal beleidsplan Noord-Nederland 2013-2014,
Veiligheidsstrategie 2015-2018 Oost-Nederland).

    python3 scripts/make-data.py [--real DIR] [--out DIR]

Writes data/regions.csv, data/indicators.csv and data/series/*.csv.  Every
derived fact is checked against the source while it is made (the script
stops with a message when a check fails), so a changed source cannot
silently change the shipped data.  Numbers are CBS / Politie, CC BY 4.0;
see data/SOURCES.md.
"""
import argparse
import csv
import json
import os
import sys
import unicodedata

# ---------------------------------------------------------------- seeds ---
# Noord-Nederland: the 62 gemeenten of the "prioriteiten 2012-2014" table
# (2012 boundaries).  The document spells two names without the circumflex
# ("Gaasterlan-Sleat", "Skarsterlan"); those spellings become aliases.
NOORD_SEED = [
    "Aa en Hunze", "Achtkarspelen", "Ameland", "Appingedam", "Assen",
    "Bedum", "Bellingwedde", "Boarnsterhim", "Borger-Odoorn", "Coevorden",
    "Dantumadiel", "De Marne", "De Wolden", "Delfzijl", "Dongeradeel",
    "Eemsmond", "Emmen", "Ferwerderadiel", "Franekeradeel",
    "Gaasterlân-Sleat", "Groningen", "Grootegast", "Haren", "Harlingen",
    "Heerenveen", "Het Bildt", "Hoogeveen", "Hoogezand-Sappemeer",
    "Kollumerland en Nieuwkruisland", "Leek", "Leeuwarden",
    "Leeuwarderadeel", "Lemsterland", "Littenseradiel", "Loppersum",
    "Marum", "Menameradiel", "Menterwolde", "Meppel", "Midden-Drenthe",
    "Noordenveld", "Oldambt", "Ooststellingwerf", "Opsterland", "Pekela",
    "Schiermonnikoog", "Skarsterlân", "Slochteren", "Smallingerland",
    "Stadskanaal", "Súdwest-Fryslân", "Ten Boer", "Terschelling",
    "Tynaarlo", "Tytsjerksteradiel", "Veendam", "Vlagtwedde", "Vlieland",
    "Westerveld", "Weststellingwerf", "Winsum", "Zuidhorn",
]
SEED_SPELLING = {"Gaasterlân-Sleat": "Gaasterlan-Sleat",
                 "Skarsterlân": "Skarsterlan",
                 "Neerijnen": "Neerrijnen"}

# Oost-Nederland: Bijlage 1 of the Veiligheidsstrategie, per district.
OOST_SEED = {
    "GLM": ["Arnhem", "Barneveld", "Doesburg", "Duiven", "Ede", "Lingewaard",
            "Nijkerk", "Overbetuwe", "Renkum", "Rheden", "Rijnwaarden",
            "Rozendaal", "Scherpenzeel", "Wageningen", "Westervoort",
            "Zevenaar"],
    "GLZ": ["Beuningen", "Buren", "Culemborg", "Druten", "Geldermalsen",
            "Groesbeek", "Heumen", "Lingewaal", "Maasdriel",
            "Millingen aan de Rijn", "Neder-Betuwe", "Neerijnen", "Nijmegen",
            "Tiel", "Ubbergen", "West Maas en Waal", "Wijchen", "Zaltbommel"],
    "IJS": ["Dalfsen", "Deventer", "Hardenberg", "Kampen", "Olst-Wijhe",
            "Ommen", "Raalte", "Staphorst", "Steenwijkerland",
            "Zwartewaterland", "Zwolle"],
    "NOG": ["Aalten", "Apeldoorn", "Berkelland", "Bronckhorst", "Brummen",
            "Doetinchem", "Elburg", "Epe", "Ermelo", "Harderwijk", "Hattem",
            "Heerde", "Lochem", "Montferland", "Nunspeet", "Oldebroek",
            "Oost Gelre", "Oude IJsselstreek", "Putten", "Voorst",
            "Winterswijk", "Zutphen"],
    "TWN": ["Almelo", "Borne", "Dinkelland", "Enschede", "Haaksbergen",
            "Hellendoorn", "Hengelo", "Hof van Twente", "Losser", "Oldenzaal",
            "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden"],
}
OOST_DISTRICTS = [
    ("GLM", "Gelderland-Midden"), ("GLZ", "Gelderland-Zuid"),
    ("IJS", "IJsselland"), ("NOG", "Noord- en Oost-Gelderland"),
    ("TWN", "Twente"),
]
# Noord-Nederland districts coincide with the provinces.
NOORD_DISTRICTS = [("FRL", "Fryslân", "PV21"), ("GRN", "Groningen", "PV20"),
                   ("DRE", "Drenthe", "PV22")]
PROV_DISTRICT = {"PV20": "GRN", "PV21": "FRL", "PV22": "DRE"}

# Noord-Nederland basisteams (Bijlage 4 of the beleidsplan).  Which
# gemeenten each team covers is shown only on the map of Bijlage 5.
BASISTEAMS = [
    ("A1", "Harlingen", "FRL"), ("A2", "Dokkum", "FRL"),
    ("A3", "Drachten", "FRL"), ("A4", "Heerenveen", "FRL"),
    ("A5", "Sneek", "FRL"), ("A6", "Leeuwarden", "FRL"),
    ("B1", "Zuidhorn", "GRN"), ("B2", "Delfzijl", "GRN"),
    ("B3", "Winschoten/Stadskanaal", "GRN"), ("B4", "Hoogezand", "GRN"),
    ("B5", "Stad Groningen en Haren", "GRN"),
    ("B6", "Stad Groningen en Haren", "GRN"),
    ("B7", "Stad Groningen en Haren", "GRN"),
    ("C1", "Assen", "DRE"), ("C2", "Emmen", "DRE"),
    ("C3", "Meppel/Hoogeveen", "DRE"),
]

# Gemeenten of 2012 that no longer exist, with the gemeente(n) that took
# their area.  "last" is the last year the code has a population in CBS
# 70072ned (checked below against data.json).
MERGERS = {
    "GM0055": ("GM0074;GM0080;GM1900;GM1921", 2013,
               "per 2014 verdeeld over Heerenveen, Leeuwarden, Súdwest-Fryslân en De Friese Meren"),
    "GM0653": ("GM1921", 2013, "per 2014 opgegaan in De Friese Meren (GM1921)"),
    "GM0082": ("GM1921", 2013, "per 2014 opgegaan in De Friese Meren (GM1921)"),
    "GM0051": ("GM1921", 2013, "per 2014 opgegaan in De Friese Meren (GM1921)"),
    "GM1921": ("GM1940", 2015, "vanaf 2016 De Fryske Marren (GM1940)"),
    "GM0081": ("GM0080", 2017, "per 2018 opgegaan in Leeuwarden (GM0080)"),
    "GM0140": ("GM0080;GM1900;GM1949", 2017,
               "per 2018 verdeeld over Leeuwarden, Súdwest-Fryslân en Waadhoeke"),
    "GM0063": ("GM1949", 2017, "per 2018 opgegaan in Waadhoeke (GM1949)"),
    "GM0070": ("GM1949", 2017, "per 2018 opgegaan in Waadhoeke (GM1949)"),
    "GM1908": ("GM1949", 2017, "per 2018 opgegaan in Waadhoeke (GM1949)"),
    "GM0058": ("GM1970", 2018, "per 2019 opgegaan in Noardeast-Fryslân (GM1970)"),
    "GM1722": ("GM1970", 2018, "per 2019 opgegaan in Noardeast-Fryslân (GM1970)"),
    "GM0079": ("GM1970", 2018, "per 2019 opgegaan in Noardeast-Fryslân (GM1970)"),
    "GM0018": ("GM1952", 2017, "per 2018 opgegaan in Midden-Groningen (GM1952)"),
    "GM1987": ("GM1952", 2017, "per 2018 opgegaan in Midden-Groningen (GM1952)"),
    "GM0040": ("GM1952", 2017, "per 2018 opgegaan in Midden-Groningen (GM1952)"),
    "GM0007": ("GM1950", 2017, "per 2018 opgegaan in Westerwolde (GM1950)"),
    "GM0048": ("GM1950", 2017, "per 2018 opgegaan in Westerwolde (GM1950)"),
    "GM0005": ("GM1966", 2018, "per 2019 opgegaan in Het Hogeland (GM1966)"),
    "GM1663": ("GM1966", 2018, "per 2019 opgegaan in Het Hogeland (GM1966)"),
    "GM1651": ("GM1966", 2018, "per 2019 opgegaan in Het Hogeland (GM1966)"),
    "GM0053": ("GM1966;GM1969", 2018,
               "per 2019 opgegaan in Het Hogeland (GM1966); Ezinge naar Westerkwartier (GM1969)"),
    "GM0015": ("GM1969", 2018, "per 2019 opgegaan in Westerkwartier (GM1969)"),
    "GM0022": ("GM1969", 2018, "per 2019 opgegaan in Westerkwartier (GM1969)"),
    "GM0025": ("GM1969", 2018, "per 2019 opgegaan in Westerkwartier (GM1969)"),
    "GM0056": ("GM1969", 2018, "per 2019 opgegaan in Westerkwartier (GM1969)"),
    "GM0017": ("GM0014", 2018, "per 2019 opgegaan in Groningen (GM0014)"),
    "GM0009": ("GM0014", 2018, "per 2019 opgegaan in Groningen (GM0014)"),
    "GM0003": ("GM1979", 2020, "per 2021 opgegaan in Eemsdelta (GM1979)"),
    "GM0010": ("GM1979", 2020, "per 2021 opgegaan in Eemsdelta (GM1979)"),
    "GM0024": ("GM1979", 2020, "per 2021 opgegaan in Eemsdelta (GM1979)"),
    "GM0241": ("GM1945", 2015, "per 2015 samen met Millingen aan de Rijn en Ubbergen de gemeente Groesbeek, vanaf 2016 Berg en Dal (GM1945)"),
    "GM0265": ("GM1945", 2014, "per 2015 opgegaan in Groesbeek, nu Berg en Dal (GM1945)"),
    "GM0282": ("GM1945", 2014, "per 2015 opgegaan in Groesbeek, nu Berg en Dal (GM1945)"),
    "GM0196": ("GM0299", 2017, "per 2018 opgegaan in Zevenaar (GM0299)"),
    "GM0236": ("GM1960", 2018, "per 2019 opgegaan in West Betuwe (GM1960)"),
    "GM0733": ("GM1960", 2018, "per 2019 opgegaan in West Betuwe (GM1960)"),
    "GM0304": ("GM1960", 2018, "per 2019 opgegaan in West Betuwe (GM1960)"),
}
# Gemeenten that still exist under the same code but gained area after
# 2012: the politie counts are on today's boundaries, populations on the
# boundaries of each year.
GREW = {
    "GM0014": (2019, "sinds 2019 inclusief Haren en Ten Boer"),
    "GM0080": (2018, "sinds 2014 met een deel van Boarnsterhim, sinds 2018 inclusief Leeuwarderadeel en een deel van Littenseradiel"),
    "GM0074": (2014, "sinds 2014 met een deel van Boarnsterhim"),
    "GM1900": (2018, "sinds 2014 met een deel van Boarnsterhim, sinds 2018 met een deel van Littenseradiel"),
    "GM0299": (2018, "sinds 2018 inclusief Rijnwaarden"),
}
# District of the gemeenten formed after 2012 in Oost-Nederland (the
# district of the gemeenten they were formed from).
NEW_OOST = {"GM1945": "GLZ", "GM1960": "GLZ"}

BRON_4718 = ("Politie, tabel 47018NED (geregistreerde misdrijven per gemeente), "
             "via luc4sdreyer/dutch_demographics web/data.json; CC BY 4.0")
BRON_70072 = ("CBS, tabel 70072ned (gemiddelde bevolking, grenzen van dat jaar), "
              "via luc4sdreyer/dutch_demographics web/data.json; CC BY 4.0")
BRON_37230 = ("CBS, tabel 37230ned (bevolking aan het einde van de periode), "
              "via chels-j/NLViolentCrime; CC BY 4.0")
BRON_47025 = ("Politie, tabel 47025NED (geregistreerde misdrijven, Nederland), "
              "via bernasco/staat_van_de_misdaad data/NL_Crime.csv; CC BY 4.0")
BRON_47021 = ("Politie, tabel 47021NED (registraties overlast, Nederland), "
              "via bernasco/staat_van_de_misdaad data/NL_Disorder.csv; CC BY 4.0")
BRON_000 = "Regionaal beleidsplan Noord-Nederland 2013-2014, conceptversie 3.2 (5-09-2012)"
BRON_002 = "Veiligheidsstrategie 2015-2018 Oost-Nederland"

COLS = ["code", "name", "level", "parents", "aliases", "preferred", "tags",
        "from", "to", "successors", "note"]
SERIES_COLS = ["region", "indicator", "measure", "year", "value", "note",
               "bron", "status"]


def die(msg):
    sys.exit("make-data: " + msg)


def check(cond, msg):
    if not cond:
        die("check failed: " + msg)


def read_csv(path, delim=",", enc="utf-8-sig"):
    with open(path, encoding=enc, newline="") as f:
        return list(csv.reader(f, delimiter=delim))


def read_dicts(path, delim=",", enc="utf-8-sig"):
    with open(path, encoding=enc, newline="") as f:
        return list(csv.DictReader(f, delimiter=delim))


def write_rows(path, cols, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
    os.replace(tmp, path)


def entry(code, name, level, parents="", aliases="", preferred="", tags="",
          frm="", to="", successors="", note=""):
    return {"code": code, "name": name, "level": level, "parents": parents,
            "aliases": aliases, "preferred": preferred, "tags": tags,
            "from": frm, "to": to, "successors": successors, "note": note}


def norm(s):
    """The matching key used by src/codelist.c: no diacritics, lower case,
    surrounding and repeated spaces removed."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return " ".join(s.lower().split())


# On a name clash the entry whose level comes first here is preferred.
LEVEL_RANK = ["land", "gemeente", "provincie", "district", "eenheid", "landsdeel",
              "politieregio", "basisteam",
              "total", "group", "offence", "incident", "group-type", "kbv-theme",
              "kbv-field", "kbv-category", "cbs-offence", "cbs-theft", "survey", "seed"]


def set_preferred(entries):
    """Flag one preferred entry for every name or alias that several
    entries share; codes must be unique and may not be another entry's name."""
    codes = {}
    for e in entries:
        k = norm(e["code"])
        check(k not in codes, "duplicate code %s" % e["code"])
        codes[k] = e
    by = {}
    for e in entries:
        keys = {norm(e["name"])} | {norm(a) for a in e["aliases"].split(";") if a}
        keys.discard(norm(e["code"]))
        for k in keys:
            if k in codes and codes[k] is not e:
                die("%r is the code of %s and a name of %s" % (k, codes[k]["code"], e["code"]))
            by.setdefault(k, []).append(e)
    for e in entries:
        e["preferred"] = ""
    clashes = []
    for k, es in sorted(by.items()):
        if len(es) > 1:
            es = sorted(es, key=lambda e: LEVEL_RANK.index(e["level"]))
            check(LEVEL_RANK.index(es[0]["level"]) < LEVEL_RANK.index(es[1]["level"]),
                  "clash %r between %s and %s of the same level" % (k, es[0]["code"], es[1]["code"]))
            es[0]["preferred"] = "1"
            clashes.append((k, [e["code"] for e in es]))
    return clashes


def join(*xs):
    return ";".join(x for x in xs if x)


# -------------------------------------------------------------- regions ---
def make_regions(real):
    regios = read_dicts(os.path.join(real, "bernasco-staat/RegioS.csv"))
    title = {r["Key"].strip(): r["Title"].strip() for r in regios}
    data = json.load(open(os.path.join(
        real, "luc4sdreyer-dutch-demographics/data.json"), encoding="utf-8"))
    pop = data["population"]
    current = set(data["counts"]["1.1.1"].keys()) - {"GM0000"}

    # gemeente code -> (name, province) from the CBS gemeente lists; later
    # lists win for the name, the 2016 list (82949NED) fills in the rest.
    gm = {}
    for f in ["loznik-cbstheft/gemeente_2018.csv",
              "loznik-cbstheft/gemeente_2021.csv"]:
        for r in read_dicts(os.path.join(real, f)):
            gm[r["GemeentecodeGM"]] = [r["Gemeentenaam"], r["ProvinciecodePV"]]
    for r in read_dicts(os.path.join(
            real, "rubennaatje-r-ds/82949NED_TypedDataSet_17052018_142705.csv"), ";"):
        c = r["Code_1"].strip()
        if c not in gm:
            gm[c] = [r["Naam_2"].strip(), ""]
    for c, t in title.items():           # today's names, e.g. "Hengelo (O.)"
        if c.startswith("GM"):
            gm.setdefault(c, [t, ""])
            gm[c][0] = t

    # Codes with a population in 70072ned but in none of the name lists:
    # identify them by their population series, matched against the
    # end-of-year populations by name in 37230ned (within 1 %, unique).
    rows = read_csv(os.path.join(
        real, "chels-j-nlviolentcrime/bevolkingeindeperiod_jaren_22122025.csv"), ";")
    years = rows[3][3:]
    eop = {}
    for r in rows[4:]:
        if len(r) > 3:
            eop[r[0]] = {int(y): int(v) for y, v in zip(years, r[3:]) if v.strip()}
    for c, p in pop.items():
        if c in gm or c == "GM0000":
            continue
        ys = sorted(int(y) for y in p)
        cands = []
        for n, q in eop.items():
            if n.endswith("(PV)") or n == "Nederland":
                continue
            if all(y in q for y in ys) and max(q) == ys[-1]:
                err = max(abs(q[y] - p[str(y)]) / p[str(y)] for y in ys)
                if err < 0.01:
                    cands.append(n)
        if len(cands) == 1:
            gm[c] = [cands[0], ""]
    # province of codes without one: the province of their successor
    for _ in range(3):                   # successor chains: GM0051 > GM1921 > GM1940
        for c, (succ, _, _) in MERGERS.items():
            if c in gm and not gm[c][1]:
                gm[c][1] = gm[succ.split(";")[0]][1]

    prov_name = {k: title[k].replace(" (PV)", "") for k in title if k.startswith("PV")}
    out = []
    out.append(entry("NL01", "Nederland", "land", aliases="NL", preferred="1"))
    for k in ["LD01", "LD02", "LD03", "LD04"]:
        t = title[k]
        out.append(entry(k, t.replace(" (LD)", " (landsdeel)"), "landsdeel", "NL01",
                         aliases=t, note="CBS-landsdeel; niet hetzelfde gebied als de "
                         "politie-eenheid" if k == "LD02" else "CBS-landsdeel"))
    out.append(entry("LD99", "Niet in te delen (LD)", "landsdeel", "NL01"))
    ld_of = {"PV20": "LD01", "PV21": "LD01", "PV22": "LD01", "PV23": "LD02",
             "PV24": "LD02", "PV25": "LD02", "PV26": "LD03", "PV27": "LD03",
             "PV28": "LD03", "PV29": "LD04", "PV30": "LD04", "PV31": "LD04"}
    re_of = {"PV20": "RE01", "PV21": "RE01", "PV22": "RE01", "PV23": "RE02",
             "PV25": "RE02"}
    for k in sorted(re for re in title if re.startswith("RE") and re != "RE99"):
        t = title[k].replace(" (RE)", "")
        out.append(entry(k, t, "eenheid", "NL01", aliases=title[k],
                         preferred="1" if k in ("RE01", "RE02") else "",
                         note="regionale eenheid politie"))
    out.append(entry("RE99", "Niet in te delen (RE)", "eenheid", "NL01"))
    for k in sorted(p for p in prov_name if p != "PV99"):
        al = title[k]
        if k == "PV21":
            al = join(al, "Friesland", "Friesland (PV)", "Provincie Fryslân",
                      "Provincie Friesland")
        else:
            al = join(al, "Provincie " + prov_name[k])
        out.append(entry(k, prov_name[k], "provincie", join(ld_of[k], re_of.get(k, "")),
                         aliases=al))
    out.append(entry("PV99", "Niet in te delen (PV)", "provincie", "NL01"))
    for code, name, pv in NOORD_DISTRICTS:
        al = "District " + name
        if code == "FRL":
            al = join(al, "Friesland", "District Friesland")
        out.append(entry(code, name, "district", "RE01", aliases=al,
                         note="district van politie Noord-Nederland; zelfde gebied als "
                         "provincie %s (%s)" % (name, pv)))
    for code, name in OOST_DISTRICTS:
        out.append(entry(code, name, "district", "RE02", aliases="District " + name,
                         note="district van politie Oost-Nederland"))
    for code, place, dist in BASISTEAMS:
        out.append(entry(code, "Basisteam %s (%s)" % (code, place), "basisteam", dist,
                         aliases="Basisteam " + code,
                         note="welke gemeenten het team bedient staat alleen op de "
                         "kaart (Bijlage 5) van het beleidsplan"))
    # old police regions (until 2012), as in CBS 80344NED
    crimi = read_csv(os.path.join(real, "vsnijders-smp/crimi.csv"), ";")
    po_d = {"Groningen (PO)": "GRN", "Friesland (PO)": "FRL", "Drenthe (PO)": "DRE",
            "IJsselland (PO)": "IJS", "Twente (PO)": "TWN",
            "Noord- en Oost-Gelderland (PO)": "NOG", "Gelderland-Midden (PO)": "GLM",
            "Gelderland-Zuid (PO)": "GLZ"}
    for i, n in enumerate(sorted({r[0] for r in crimi[1:] if r[0].endswith("(PO)")})):
        code = "PO%02d" % (i + 1) if not n.startswith("Niet") else "PO99"
        note = "politieregio tot 2013"
        if n in po_d:
            note += "; het gebied is nu district %s" % po_d[n]
        out.append(entry(code, n.replace(" (PO)", " (politieregio)"), "politieregio",
                         "NL01", aliases=n, note=note))

    # gemeenten
    seed_noord = {}
    seed_oost = {}
    byname = {}
    for c, (n, _) in gm.items():
        byname.setdefault(n.lower(), []).append(c)
        if "(" in n:
            byname.setdefault(n.split(" (")[0].lower(), []).append(c)

    def code_of(name):
        cs = byname.get(name.lower(), [])
        check(len(cs) == 1, "gemeente %r: codes %r" % (name, cs))
        return cs[0]
    for n in NOORD_SEED:
        seed_noord[code_of(n)] = n
    for d, ns in OOST_SEED.items():
        for n in ns:
            seed_oost[code_of(n)] = (n, d)
    check(len(seed_noord) == 62 and len(seed_oost) == 81, "62 + 81 seed gemeenten")

    area = {"PV20", "PV21", "PV22", "PV23", "PV25"}
    codes = set(seed_noord) | set(seed_oost) | current | set(MERGERS)
    for c in sorted(codes | set(gm)):
        if c not in gm:
            die("no name for %s" % c)
        name, pv = gm[c]
        if not pv:
            continue        # a gemeente we cannot place in a province
        tags = []
        if c in seed_noord:
            tags.append("seed000")
        if c in seed_oost:
            tags.append("seed002")
        if c in current:
            tags.append("current")
        district = ""
        if pv in PROV_DISTRICT:
            district = PROV_DISTRICT[pv]
        elif c in seed_oost:
            district = seed_oost[c][1]
        elif c in NEW_OOST:
            district = NEW_OOST[c]
        elif pv in ("PV23", "PV25") and c in current:
            die("no district for %s %s" % (c, name))
        ys = sorted(int(y) for y in pop.get(c, {}))
        frm = str(ys[0]) if ys and ys[0] > 2012 else ""
        to = ""
        succ = ""
        note = ""
        if c in MERGERS:
            succ, last, note = MERGERS[c]
            check(ys and ys[-1] == last, "%s last population year %r != %d"
                  % (c, ys[-1:], last))
            to = str(last)
        elif c not in current and pv in area:
            die("%s %s stopped existing but has no merger entry" % (c, name))
        elif c not in current:
            to = str(ys[-1]) if ys else ""
            note = "bestaat niet meer (laatste jaar in CBS 70072ned)" if ys else \
                "bestaat niet meer"
        if c in GREW:
            note = GREW[c][1]
        aliases = [c]
        bare = name.split(" (")[0]
        if bare != name and len(byname.get(bare.lower(), [])) == 1:
            aliases.append(bare)
        seedname = seed_noord.get(c) or (seed_oost.get(c) or ("",))[0]
        if seedname in SEED_SPELLING:
            aliases.append(SEED_SPELLING[seedname])
        if c == "GM1921":
            aliases.append("De Friese Meren")
        if c == "GM0014":
            aliases.append("Stad Groningen")
        out.append(entry(c, name, "gemeente", join(district, pv),
                         aliases=join(*aliases), tags=";".join(tags),
                         frm=frm, to=to, successors=succ, note=note))
    # data.json gemeenten of our provinces that are not in the seeds: list them
    return out, seed_noord, seed_oost, current, gm


# ----------------------------------------------------------- indicators ---
KBV = """1|Veilige woon- en leefomgeving
1.1|Sociale kwaliteit
1.1.1|Woonoverlast/Burengerucht en relatieproblemen
1.1.2|Overlast gestoord/overspannen persoon
1.1.3|Overlast zwervers
1.1.4|Drugsoverlast
1.1.5|Overige overlast sociaal
1.2|Fysieke kwaliteit
1.2.1|Vernieling
1.2.2|Overige overlast fysiek (vanuit woningen)
1.3|Objectieve veiligheid/veel voorkomende criminaliteit
1.3.01|Diefstal/inbraak woning
1.3.02|Diefstal/inbraak box/garage/schuur/tuinhuis
1.3.03|Overige diefstal/inbraak/vermogensdelicten
1.3.04|Diefstal uit/vanaf motorvoertuigen
1.3.05|Diefstal van motorvoertuigen
1.3.06|Diefstal brom-, snor-, fietsen
1.3.07|Mishandeling (fysiek geweld)
1.3.08|Bedreiging (psychisch geweld)
1.3.09|Ruzie/vechtpartij (geweld)
1.3.10|Zeden (geweld)
1.3.11|Overige criminaliteit
2|Bedrijvigheid en veiligheid
2.1|Veilig winkelgebied
2.1.1|Winkeldiefstal
2.1.2|Inbraak winkel
2.2|Veilige bedrijventerreinen
2.2.1|Diefstal/inbraak in bedrijven en kantoren
2.2.2|Overvallen
2.3|Veilig uitgaan
2.3.1|Overlast horeca
2.4|Veilige evenementen
2.4.1|Overlast evenementen
2.4.2|Evenementen overig
2.5|Veilig toerisme
2.5.1|Water
3|Jeugd en veiligheid
3.1|Overlastgevende jeugd
3.1.1|Vandalisme/baldadigheid
3.1.2|Overlast jeugd
4|Fysieke veiligheid
4.1|Verkeersveiligheid
4.1.01|Ongevallen dodelijke afloop
4.1.02|Ongevallen letsel
4.1.03|Ongevallen materiële schade
4.1.04|Verlaten plaats ongeval
4.1.05|Parkeerproblemen en verkeersstremming
4.1.06|Snelheidsovertredingen
4.1.07|Rijden onder invloed
4.1.08|Overig wegverkeer
4.1.09|Ongevallen water
4.1.10|Varen/vliegen onder invloed
4.1.11|Overige incidenten rail-, water- en vliegverkeer
4.2|Brandveiligheid
4.2.1|Brand (geen brandstichting)
4.2.2|Brandstichting
4.3|Milieu/externe veiligheid
4.3.1|Incidenten externe veiligheid
4.3.2|Incidenten m.b.t. flora en fauna
4.3.3|Bedrijfsafval en -opslag
4.3.4|Overige milieufeiten
5|Interne veiligheid
5.1|Polarisatie en radicalisering
5.1.1|Terreurdaden/-dreiging
5.2|Georganiseerde criminaliteit
5.2.1|Drugshandel
5.2.2|Overige incidenten georganiseerde criminaliteit
5.4|Overige incidenten schending integriteit
5.4.1|Vreemdelingen
5.4.2|Discriminatie
5.4.3|Overige fraude/overtr./onregelmatigheden bedr.
5.4.4|Restcategorie schending integriteit"""
# Kernbeleid category -> the politie offence it corresponds to (for the
# note only; the two are never merged).
KBV_POLITIE = {"1.3.01": "1.1.1", "1.3.02": "1.1.2", "1.3.04": "1.2.1",
               "1.3.05": "1.2.2", "1.3.06": "1.2.3", "1.3.07": "1.4.5",
               "1.3.08": "1.4.4", "2.1.1": "2.5.2", "2.2.2": "1.4.7",
               "3.1.2": "E35", "1.1.2": "E33", "1.1.3": "E41"}

POLITIE_GROUP = {"1.1.1": "HIC", "1.4.6": "HIC", "1.4.7": "HIC",
                 "1.4.1": "GEWELD", "1.4.2": "GEWELD", "1.4.3": "GEWELD",
                 "1.4.4": "GEWELD", "1.4.5": "GEWELD"}

CRI = {"CRI1122": "Diefstal van fiets", "CRI1123": "Diefstal van bromfiets",
       "CRI1124": "Diefstal van motor/scooter", "CRI1125": "Diefstal van auto",
       "CRI1127": "Diefstal van boot", "CRI1128": "",
       "CRI1131": "Diefstal van dier", "CRI1132": "Straatroof",
       "CRI1133": "Zakkenrollerij", "CRI1134": "",
       "CRI1137": "Winkeldiefstal", "CRI1144": "Overval"}


def make_indicators(real):
    out = []
    out.append(entry("0.0.0", "Totaal misdrijven", "total", aliases=join(
        "Totaal misdrijven", "Misdrijven totaal", "Totaal geregistreerde misdrijven"),
        preferred="1", note="politie 47xxx; in Overlast.csv heeft het overlasttotaal "
        "ook sleutel 0.0.0: dat is OVL"))
    out.append(entry("HIC", "High Impact Crime", "group",
                     aliases="High Impact Crimes;High-impact-crimes",
                     note="woninginbraak (1.1.1) + geweld + straatroof (1.4.6) + overval (1.4.7)"))
    out.append(entry("GEWELD", "Geweld (landelijke definitie)", "group", "HIC",
                     aliases="Geweld;Geweldsdelicten;Geweldsmisdrijven", preferred="1",
                     note="de landelijke definitie is vastgelegd op BVH-incidentcodes; "
                     "hier benaderd als 1.4.1 t/m 1.4.5 (zeden, moord/doodslag, "
                     "openlijk geweld, bedreiging, mishandeling)"))
    for r in read_dicts(os.path.join(real, "bernasco-staat/SoortMisdrijf.csv")):
        k = r["Key"].strip()
        if k == "0.0.0":
            continue
        label = r["Title"].strip()
        name = label[len(k):].strip()
        check(label.startswith(k + " "), "label %r" % label)
        al = [label]
        if k == "1.1.1":
            al += ["Woninginbraak", "Woninginbraken", "Diefstal/inbraak woning"]
        if k == "1.4.6":
            al += ["Straatroven"]
        if k == "1.4.7":
            al += ["Overvallen"]
        out.append(entry(k, name, "offence", POLITIE_GROUP.get(k, ""),
                         aliases=join(*al), preferred="1",
                         note="politie, soort misdrijf (47013NED/47018NED/47025NED)"))
    for r in read_dicts(os.path.join(real, "bernasco-staat/Overlast.csv")):
        k = r["Key"].strip()
        t = r["Title"].strip()
        if k == "0.0.0":
            out.append(entry("OVL", t, "total", aliases="Overlast;Overlast totaal",
                             preferred="1", note="politie 47021NED; in Overlast.csv "
                             "sleutel 0.0.0 (die als code de misdrijven aanduidt)"))
            continue
        al = [t]
        if k == "E35":
            al += ["Overlast jeugd", "Meldingen overlast jeugd", "Jeugdoverlast"]
        out.append(entry(k, t, "incident", "OVL", aliases=join(*al), preferred="1",
                         note="politie-incidentcode overlast (47021NED)"))
    # VNG Kernbeleid Veiligheid
    for line in KBV.splitlines():
        k, name = line.split("|")
        depth = k.count(".")
        level = ["kbv-theme", "kbv-field", "kbv-category"][depth]
        parent = "" if depth == 0 else "KBV-" + k.rsplit(".", 1)[0]
        note = "VNG Kernbeleid Veiligheid (Veiligheidsstrategie Oost-Nederland, Bijlage 2)"
        if k in KBV_POLITIE:
            note += "; komt overeen met politiecode %s, wordt daar niet mee samengevoegd" \
                % KBV_POLITIE[k]
        out.append(entry("KBV-" + k, name, level, parent,
                         aliases=join("KBV " + k, k + " " + name), note=note))
    # CBS 83648NED offence tree: OData key "1010100" = 1.01.01.00 = 1.1.1
    keys = []
    for r in read_csv(os.path.join(
            real, "rubennaatje-r-ds/83648NED_UntypedDataSet_17052018_141347.csv"), ";")[1:]:
        if r[1] not in keys:
            keys.append(r[1])
    labels = [r[0] for r in read_csv(os.path.join(
        real, "gewoonmaarten-criminaliteit/Criminaliteit_Provincies.csv"))[1:]]
    ftm = read_csv(os.path.join(
        real, "ftm-politie/Geregistreerde_criminaliteit__soort_misdrijf__regio_05022026_163607.csv"),
        ";")[0][2:]
    ftm_by = {}
    for t in ftm:
        c = t.split(" ")[0]
        ftm_by[c.replace(".", "")] = t
    check(len(keys) == len(labels) == 76, "83648NED: 76 keys and labels")
    for key, label in zip(keys, labels):
        if key == "0000000":
            continue
        parts = [int(key[0]), int(key[1:3]), int(key[3:5]), int(key[5:7])]
        while parts and parts[-1] == 0:
            parts.pop()
        dotted = ".".join(str(p) for p in parts)
        check(label.split(" ")[0] == dotted, "83648NED %s -> %s vs %r" % (key, dotted, label))
        name = label[len(dotted):].strip()
        parent = "CBS-" + ".".join(str(p) for p in parts[:-1]) if len(parts) > 1 else "CBS-T"
        dotless = dotted.replace(".", "")
        al = [key, dotless, label, "%s %s" % (dotless, name)]
        if dotless in ftm_by and ftm_by[dotless] not in al:
            al.append(ftm_by[dotless])
        out.append(entry("CBS-" + dotted, name, "cbs-offence", parent,
                         aliases=join(*al),
                         note="CBS 83648NED-indeling; niet de politiecode %s" % dotted))
    out.append(entry("CBS-T", "Misdrijven, totaal (CBS 83648NED)", "cbs-offence",
                     aliases="0000000;Misdrijven, totaal;Misdrijven totaal (CBS)",
                     note="CBS 83648NED; totaal over de CBS-indeling"))
    for k, name in CRI.items():
        out.append(entry("CBS-" + k, name if name else "Soort diefstal " + k,
                         "cbs-theft", aliases=k,
                         note="CBS 83651NED soort diefstal" +
                         ("" if name else "; omschrijving niet bekend uit de bronbestanden")))
    # survey and seed-only indicators
    out.append(entry("VM-INBRAAK", "Slachtofferschap inbraak (Veiligheidsmonitor)",
                     "survey", aliases="Kans op slachtofferschap inbraak",
                     note="enquêtecijfer, geen politieregistratie"))
    out.append(entry("VM-BUURT", "Veiligheid in de buurt (Veiligheidsmonitor)",
                     "survey", aliases="Rapportcijfer veiligheid buurt;"
                     "Rapportcijfer veiligheid in de buurt",
                     note="enquêtecijfer, geen politieregistratie"))
    out.append(entry("WSI-ON", "Woning- en schuurinbraken (Veiligheidsstrategie Oost-Nederland)",
                     "seed", aliases="Woning- en schuurinbraken",
                     note="de telling van de Veiligheidsstrategie; ligt dicht bij maar is "
                     "niet gelijk aan politie 1.1.1 (RE02 2013: 14903 tegen 14758)"))
    out.append(entry("OVL-ON", "Overlastincidenten in de woonomgeving "
                     "(Veiligheidsstrategie Oost-Nederland)", "seed",
                     note="de telling van de Veiligheidsstrategie (2013: bijna 3000 = 16% "
                     "van alle incidenten); niet vergelijkbaar met 47021NED"))
    out.append(entry("JGR", "Jeugdgroepen (shortlist Beke)", "group",
                     aliases="Jeugdgroepen;Problematische jeugdgroepen"))
    for k, n in [("H", "Hinderlijk"), ("O", "Overlastgevend"), ("C", "Crimineel")]:
        out.append(entry("JGR-" + k, "Jeugdgroepen: " + n.lower(), "group-type", "JGR",
                         aliases=join(n, n + " jeugdgroepen")))
    return out


# --------------------------------------------------------------- series ---
def srow(region, indicator, measure, year, value, note="", bron="", status=""):
    return {"region": region, "indicator": indicator, "measure": measure,
            "year": int(year), "value": value, "note": note, "bron": bron,
            "status": status}


def make_series(real, out_dir, gm, current, regions):
    data = json.load(open(os.path.join(
        real, "luc4sdreyer-dutch-demographics/data.json"), encoding="utf-8"))
    prov = {c: pv for c, (n, pv) in gm.items()}
    area = {"PV20", "PV21", "PV22", "PV23", "PV25"}
    provisional = set(data["provisional"])
    known = {r["code"] for r in regions}
    mine = sorted(c for c in current if prov.get(c) in area)
    for c in mine:
        check(c in known, "gemeente %s in regions" % c)

    # registered crimes per gemeente, every offence in data.json
    rows = []
    for off in sorted(data["counts"]):
        per = data["counts"][off]
        for c in mine:
            for y, v in sorted(per[c].items()):
                y = int(y)
                st = "provisional" if y in provisional else ""
                check(isinstance(v, int) and v >= 0, "count %s %s %d" % (off, c, y))
                rows.append(srow(c, off, "aangiften", y, v, "", BRON_4718, st))
    write_rows(os.path.join(out_dir, "politie-47018-gemeenten.csv"), SERIES_COLS, rows)
    # totals for the checks in SOURCES.md section 1
    def tot(off, pvs, y):
        return sum(data["counts"][off][c][str(y)] for c in mine if prov[c] in pvs)
    check(tot("1.1.1", {"PV23", "PV25"}, 2012) == 15485, "RE02 1.1.1 2012")
    check(tot("1.1.1", {"PV20", "PV21", "PV22"}, 2018) == 3665, "RE01 1.1.1 2018")

    # population per gemeente (70072ned, boundaries of each year)
    rows = []
    for c in mine:
        for y, v in sorted(data["population"].get(c, {}).items()):
            y = int(y)
            note, st = "", ""
            if c in GREW and y < GREW[c][0]:
                note = "grenzen van %d; de misdrijftellingen gebruiken de huidige " \
                       "grenzen (%s)" % (y, GREW[c][1])
                st = "approximate"
            rows.append(srow(c, "0.0.0", "inwoners", y, v, note, BRON_70072, st))
    write_rows(os.path.join(out_dir, "cbs-70072-inwoners-gemeenten.csv"), SERIES_COLS, rows)

    # population per province, end of year (37230ned)
    rws = read_csv(os.path.join(
        real, "chels-j-nlviolentcrime/bevolkingeindeperiod_jaren_22122025.csv"), ";")
    years = rws[3][3:]
    names = {"Groningen (PV)": "PV20", "Fryslân (PV)": "PV21", "Drenthe (PV)": "PV22",
             "Overijssel (PV)": "PV23", "Gelderland (PV)": "PV25", "Nederland": "NL01"}
    rows = []
    for r in rws[4:]:
        if r and r[0] in names:
            for y, v in zip(years, r[3:]):
                if v.strip():
                    rows.append(srow(names[r[0]], "0.0.0", "inwoners", y, int(v),
                                     "bevolking op 31 december", BRON_37230))
    check(any(x["region"] == "PV25" and x["year"] == 2013 and x["value"] == 2019692
              for x in rows), "Gelderland end-2013")
    write_rows(os.path.join(out_dir, "cbs-37230-inwoners-provincies.csv"), SERIES_COLS, rows)

    # national series (bernasco)
    label2code = {}
    for r in read_dicts(os.path.join(real, "bernasco-staat/SoortMisdrijf.csv")):
        label2code[r["Title"].strip()] = r["Key"].strip()
    rows = []
    for r in read_dicts(os.path.join(real, "bernasco-staat/NL_Crime.csv")):
        code = label2code.get(r["incident_type_code"])
        check(code is not None, "NL_Crime label %r" % r["incident_type_code"])
        rows.append(srow("NL01", code, "aangiften", r["year"], int(r["incident_count"]),
                         "", BRON_47025))
    check(len(rows) == 59 * 12, "NL_Crime 59 x 12 rows")
    write_rows(os.path.join(out_dir, "politie-47025-nederland.csv"), SERIES_COLS, rows)
    ov = {r["Title"].strip(): r["Key"].strip() for r in read_dicts(
        os.path.join(real, "bernasco-staat/Overlast.csv"))}
    rows = []
    for r in read_dicts(os.path.join(real, "bernasco-staat/NL_Disorder.csv")):
        code = ov[r["incident_type_code"]]
        code = "OVL" if code == "0.0.0" else code
        rows.append(srow("NL01", code, "incidenten", r["year"], int(r["incident_count"]),
                         "", BRON_47021))
    check(len(rows) == 9 * 12, "NL_Disorder 9 x 12 rows")
    write_rows(os.path.join(out_dir, "politie-47021-overlast-nederland.csv"), SERIES_COLS, rows)

    # figures stated in the policy documents
    rows = []
    b = BRON_000 + ", Bijlage 1 (bron: GIDS/BVH)"
    for pv, vals in [("PV20", [3207, 2976, 2588, 2275]), ("PV21", [2931, 2637, 2665, 2931]),
                     ("PV22", [2476, 2267, 2261, 1971])]:
        for y, v in zip(range(2008, 2012), vals):
            rows.append(srow(pv, "E35", "meldingen", y, v,
                             "grafiek 'Meldingen overlast jeugd'", b))
    b = BRON_000 + ", Bijlage 1, inventarisatie jeugdgroepen 2011 (shortlist Beke)"
    for k, vals in [("H", [32, 37, 19]), ("O", [6, 2, 2]), ("C", [3, 0, 1])]:
        for pv, v in zip(["PV20", "PV21", "PV22"], vals):
            rows.append(srow(pv, "JGR-" + k, "groepen", 2011, v, "", b))
    write_rows(os.path.join(out_dir, "seed-noord-nederland.csv"), SERIES_COLS, rows)

    rows = []
    b = BRON_002 + ", 3.3.2 High Impact Crimes"
    rows.append(srow("RE02", "WSI-ON", "aangiften", 2011, 13000,
                     "tekst: '> 13.000' woning- en schuurinbraken; ondergrens opgeslagen; "
                     "de referentieberekeningen gebruiken 13100 als invulwaarde",
                     b, "approximate"))
    rows.append(srow("RE02", "WSI-ON", "aangiften", 2012, 15642, "", b))
    rows.append(srow("RE02", "WSI-ON", "aangiften", 2013, 14903,
                     "tekst noemt voor 2013 ook '> 15.000' woning- en schuurinbraken", b))
    rows.append(srow("RE02", "WSI-ON", "verdachtenratio", 2014, 7.5,
                     "verdachtenratio woninginbraak; streefwaarde 2018: 9,5", b))
    rows.append(srow("RE02", "VM-INBRAAK", "slachtofferschap_pct", 2012, 9,
                     "geschatte kans op slachtofferschap van een inbraak; doel 2018: max. 8%",
                     b, "approximate"))
    rows.append(srow("NL01", "VM-INBRAAK", "slachtofferschap_pct", 2012, 10,
                     "landelijke vergelijkingswaarde in de Veiligheidsstrategie", b,
                     "approximate"))
    rows.append(srow("RE02", "VM-BUURT", "rapportcijfer", 2012, 7.3,
                     "doel: in 2018 ten minste gelijk", BRON_002 + ", 2.2 Ambitie"))
    b = BRON_002 + ", 3.3.1 De aanpak van ernstige overlast door personen"
    rows.append(srow("RE02", "OVL-ON", "incidenten", 2013, 3000,
                     "tekst: 'bijna 3000 incidenten'", b, "approximate"))
    rows.append(srow("RE02", "OVL-ON", "aandeel_pct", 2013, 16,
                     "aandeel in alle incidenten", b))
    rows.append(srow("RE02", "E33", "index_2011", 2011, 100,
                     "basisjaar (overlast door overspannen, psychisch kwetsbare personen)", b))
    rows.append(srow("RE02", "E33", "index_2011", 2013, 122,
                     "tekst: 'In 2013 ligt het aantal incidenten 22% hoger dan in 2011'", b))
    write_rows(os.path.join(out_dir, "seed-oost-nederland.csv"), SERIES_COLS, rows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", default=os.path.join(here, "..", "..", "shared", "data", "real"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data"))
    ap.add_argument("--verbose", action="store_true", help="list the name clashes")
    a = ap.parse_args()
    regions, seed_noord, seed_oost, current, gm = make_regions(a.real)
    clashes = set_preferred(regions)
    write_rows(os.path.join(a.out, "regions.csv"), COLS, regions)
    inds = make_indicators(a.real)
    clashes += set_preferred(inds)
    write_rows(os.path.join(a.out, "indicators.csv"), COLS, inds)
    if a.verbose:
        for k, cs in clashes:
            print("name %-40s -> %s (also %s)" % (k, cs[0], ", ".join(cs[1:])))
    os.makedirs(os.path.join(a.out, "series"), exist_ok=True)
    make_series(a.real, os.path.join(a.out, "series"), gm, current, regions)


if __name__ == "__main__":
    main()
