//! Realistic Polish sample data for the in-memory platform: coworkers, companies, people,
//! two pipelines with deals, tasks, notes, spaces and files. Deterministic (seeded).

import type { AccountView, CrmRecord, Kind, Refusal, Stage, UserView, Value } from "../contract";
import { bool, date, int, list, long, money, newId, read, ref, refSet, rng, text, ts } from "./values";

export const USERS: UserView[] = [
  { id: "0190a5c1-0000-7000-8000-000000000001", name: "Anna Nowak", email: "anna.nowak@hydro-tech.pl", role: "admin", seat: true, active: true, lang: "pl" },
  { id: "0190a5c1-0000-7000-8000-000000000002", name: "Łukasz Żółkiewski", email: "lukasz.zolkiewski@hydro-tech.pl", role: "user", seat: true, active: true, lang: "pl" },
  { id: "0190a5c1-0000-7000-8000-000000000003", name: "Małgorzata Wiśniewska", email: "malgorzata.wisniewska@hydro-tech.pl", role: "manager", seat: true, active: true, lang: "pl" },
  { id: "0190a5c1-0000-7000-8000-000000000004", name: "Piotr Kowalczyk", email: "piotr.kowalczyk@hydro-tech.pl", role: "user", seat: true, active: true, lang: "pl" },
  { id: "0190a5c1-0000-7000-8000-000000000005", name: "Katarzyna Dąbrowska", email: "katarzyna.dabrowska@hydro-tech.pl", role: "user", seat: false, active: true, lang: "en" },
];

export const ACCOUNT: AccountView = {
  id: "0190a5c1-0000-7000-8000-0000000000aa",
  name: "Hydro-Tech Sp. z o.o.",
  status: "trial",
  trial_ends: "2026-12-08T23:59:59Z",
  seats: 5,
  seats_used: 4,
  basic_export: true,
  paid_until: null,
  access_ended: null,
  deletion_on: null,
};

/** The password that signs the first user in. */
export const PASSWORD = "Kiełbasa-Krakowska-7";

const CITIES = ["Łódź", "Kraków", "Gdańsk", "Warszawa", "Wrocław", "Poznań", "Szczecin", "Lublin", "Katowice", "Białystok", "Rzeszów", "Toruń", "Bydgoszcz", "Olsztyn", "Zielona Góra", "Częstochowa", "Gdynia", "Kielce"];
const MALE = ["Łukasz", "Piotr", "Tomasz", "Krzysztof", "Paweł", "Michał", "Jakub", "Marcin", "Grzegorz", "Wojciech", "Andrzej", "Jan", "Mateusz", "Bartłomiej", "Zbigniew", "Sławomir"];
const FEMALE = ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Magdalena", "Joanna", "Ewa", "Barbara", "Aleksandra", "Zofia", "Dorota", "Justyna", "Żaneta", "Iwona", "Beata", "Elżbieta"];
// Surnames as [male, female].
const SURNAMES: [string, string][] = [
  ["Żółkiewski", "Żółkiewska"], ["Nowak", "Nowak"], ["Kowalski", "Kowalska"], ["Wiśniewski", "Wiśniewska"],
  ["Wójcik", "Wójcik"], ["Kamiński", "Kamińska"], ["Lewandowski", "Lewandowska"], ["Zieliński", "Zielińska"],
  ["Szymański", "Szymańska"], ["Woźniak", "Woźniak"], ["Dąbrowski", "Dąbrowska"], ["Kozłowski", "Kozłowska"],
  ["Jankowski", "Jankowska"], ["Mazur", "Mazur"], ["Kwiatkowski", "Kwiatkowska"], ["Krawczyk", "Krawczyk"],
  ["Piotrowski", "Piotrowska"], ["Grabowski", "Grabowska"], ["Pawłowski", "Pawłowska"], ["Michalski", "Michalska"],
  ["Król", "Król"], ["Wieczorek", "Wieczorek"], ["Jabłoński", "Jabłońska"], ["Łapiński", "Łapińska"],
  ["Śliwiński", "Śliwińska"], ["Adamczyk", "Adamczyk"], ["Ćwikliński", "Ćwiklińska"], ["Ostrowski", "Ostrowska"],
];
const POSITIONS = ["Dyrektor handlowy", "Kierownik zakupów", "Prezes zarządu", "Specjalista ds. logistyki", "Główna księgowa", "Kierownik projektu", "Właściciel", "Office manager", "Kierownik produkcji", "Dyrektor finansowy", "Inżynier sprzedaży", "Koordynator ds. inwestycji"];
const COMPANY_STEMS = ["Hydro-Tech", "Budomex", "Polmlek", "Elektro-Serwis", "Agro-Pol", "Stal-Bud", "Trans-Logistic", "Medicus", "Drewpol", "Termo-Instal", "Grafit", "Mazovia Foods", "Bałtyk Marine", "Tatra Tools", "Wisła Logistics", "Orzeł IT", "Kopernik Soft", "Sudety Energia", "Warta Systems", "Pomorskie Okna", "Żuraw Dźwigi", "Świętokrzyska Kamieniarka", "Łąckie Sady", "Gościniec Catering", "Odra Chem", "Karpaty Wood", "Jantar Design", "Śląskie Maszyny", "Mazury Travel", "Fabryka Mebli Dąb"];
const SUFFIXES = ["Sp. z o.o.", "S.A.", "Sp. j.", "Sp. k.", "Sp. z o.o. Sp. k."];
const INDUSTRIES = ["Budownictwo", "Produkcja", "Logistyka", "IT", "Handel", "Energetyka", "Medycyna", "Gastronomia", "Rolnictwo", "Meble"];
const STREETS = ["ul. Piotrkowska", "ul. Floriańska", "ul. Długa", "al. Jerozolimskie", "ul. Świdnicka", "ul. Półwiejska", "ul. Mickiewicza", "ul. Kościuszki", "ul. Żeromskiego"];
const DEAL_TOPICS = ["Modernizacja kotłowni", "Dostawa pomp ciepła", "Instalacja fotowoltaiki", "Serwis roczny", "Wdrożenie CRM", "Rozbudowa magazynu", "Licencje na 50 stanowisk", "Audyt energetyczny", "Wymiana okien", "Linia produkcyjna", "Flota samochodowa", "Szkolenie zespołu", "System monitoringu", "Klimatyzacja biura"];
const NOTES = [
  "Klient prosi o ofertę z rabatem przy zamówieniu powyżej 10 sztuk.",
  "Rozmowa z zarządem przesunięta na przyszły tydzień.",
  "Wysłano próbki i katalog. Czekamy na decyzję działu zakupów.",
  "Spotkanie w siedzibie klienta — dobre wrażenie, pytali o serwis gwarancyjny.",
  "Konkurencja zaproponowała niższą cenę, trzeba podkreślić czas dostawy.",
  "Uzgodniono warunki płatności: 30 dni od wystawienia faktury.",
];

export interface Seeded {
  records: CrmRecord[];
  refusals: Map<string, Refusal>;
  pipelines: string[];
  /** Ids of records seeded with something special (used by tests and screenshots). */
  special: { conflictPerson: string; refusedCompany: string; firstDeal: string };
}

function rec(kind: Kind, fields: Record<string, Value>, id = newId()): CrmRecord {
  const out: CrmRecord = { id, kind, schema: 1, fields: {}, custom: {}, deleted_at: null };
  for (const [k, v] of Object.entries(fields)) out.fields[k] = read(v);
  return out;
}

function nip(r: () => number): string {
  const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const d = Array.from({ length: 9 }, () => Math.floor(r() * 10));
    d[0] = 1 + Math.floor(r() * 9);
    const sum = d.reduce((s, x, i) => s + x * w[i], 0) % 11;
    if (sum !== 10) return d.join("") + String(sum);
  }
}

const plainCache = new Map<string, string>();
function plain(s: string): string {
  let hit = plainCache.get(s);
  if (hit === undefined) {
    hit = slug(s);
    plainCache.set(s, hit);
  }
  return hit;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/ł/g, "l").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function addDays(today: Date, days: number): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  return isoDate(d);
}

export function todayIso(now: Date): string {
  return isoDate(now);
}

export function seed(opts: { people: number; companies: number; now: Date }): Seeded {
  const r = rng(20261124);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const owners = USERS.slice(0, 4).map((u) => u.id);
  const records: CrmRecord[] = [];
  const refusals = new Map<string, Refusal>();

  const companies: CrmRecord[] = [];
  for (let i = 0; i < opts.companies; i++) {
    const stem = COMPANY_STEMS[i % COMPANY_STEMS.length];
    const name = i < COMPANY_STEMS.length ? `${stem} ${SUFFIXES[i % SUFFIXES.length]}` : `${stem} ${pick(CITIES)} ${SUFFIXES[i % SUFFIXES.length]}`;
    const city = pick(CITIES);
    const domain = plain(stem) + ".pl";
    const c = rec("company", {
      name: text(name),
      nip: text(nip(r)),
      industry: text(pick(INDUSTRIES)),
      city: text(city),
      street: text(`${pick(STREETS)} ${1 + Math.floor(r() * 120)}`),
      postcode: text(`${10 + Math.floor(r() * 89)}-${100 + Math.floor(r() * 899)}`),
      country: text("Polska"),
      website: text(`https://www.${domain}`),
      emails: list([`biuro@${domain}`]),
      phones: list([`+48 ${22 + Math.floor(r() * 70)} ${100 + Math.floor(r() * 899)} ${10 + Math.floor(r() * 89)} ${10 + Math.floor(r() * 89)}`]),
      owner: ref(pick(owners)),
      visibility: text("public"),
    });
    companies.push(c);
    records.push(c);
  }

  const people: CrmRecord[] = [];
  for (let i = 0; i < opts.people; i++) {
    const female = r() < 0.5;
    const first = female ? pick(FEMALE) : pick(MALE);
    const [m, f] = pick(SURNAMES);
    const last = female ? f : m;
    const company = companies.length ? companies[Math.floor(r() * companies.length)] : null;
    const companyDomain = company ? plain((company.fields.name.value as { value: string }).value.split(" ")[0]) + ".pl" : "poczta.pl";
    const fields: Record<string, Value> = {
      first_name: text(first),
      last_name: text(last),
      position: text(pick(POSITIONS)),
      emails: list([`${plain(first)}.${plain(last)}${i >= 400 ? i : ""}@${companyDomain}`]),
      phones: list([`+48 ${500 + Math.floor(r() * 299)} ${100 + Math.floor(r() * 899)} ${100 + Math.floor(r() * 899)}`]),
      city: text(company ? ((company.fields.city.value as { value: string }).value) : pick(CITIES)),
      owner: ref(pick(owners)),
      visibility: text("public"),
    };
    if (company) fields.company = ref(company.id);
    const p = rec("person", fields);
    people.push(p);
    records.push(p);
  }
  // The first person is Łukasz Żółkiewski with a conflict on the position.
  const conflictPerson = people[0];
  if (conflictPerson) {
    conflictPerson.fields.first_name = read(text("Łukasz"));
    conflictPerson.fields.last_name = read(text("Żółkiewski"));
    conflictPerson.fields.position = read(text("Kierownik sprzedaży"), [text("Dyrektor handlowy")]);
    conflictPerson.fields.emails = read(list(["lukasz.zolkiewski@karpaty-wood.pl", "l.zolkiewski@gmail.com"]));
    conflictPerson.fields.description = read(long("Decyduje o zakupach dla trzech zakładów. Woli kontakt telefoniczny rano."));
  }
  const refusedCompany = companies[0];
  if (refusedCompany) {
    refusals.set(refusedCompany.id, {
      code: "not_owner",
      reason: "Tylko właściciel rekordu, jego uczestnicy, menedżer lub administrator mogą go zmienić.",
      not_accepted: { fields: { city: text("Gdynia") }, custom: {} },
    });
  }

  // Pipelines.
  const stage = (name: string, position: number, probability: number): Stage => ({ id: newId(), name, position, probability });
  const sales = rec("pipeline", {
    name: text("Sprzedaż B2B"),
    position: int(0),
    stages: { type: "stages", value: [stage("Pierwszy kontakt", 0, 10), stage("Analiza potrzeb", 1, 25), stage("Oferta", 2, 50), stage("Negocjacje", 3, 75), stage("Umowa", 4, 90)] },
  });
  const partners = rec("pipeline", {
    name: text("Partnerzy i dystrybucja"),
    position: int(1),
    stages: { type: "stages", value: [stage("Zgłoszenie", 0, 20), stage("Weryfikacja", 1, 50), stage("Podpisanie umowy", 2, 80)] },
  });
  records.push(sales, partners);

  const deals: CrmRecord[] = [];
  const dealCount = Math.min(140, Math.max(20, Math.floor(opts.companies * 1.5)));
  for (let i = 0; i < dealCount; i++) {
    const pipeline = i % 5 === 4 ? partners : sales;
    const stages = (pipeline.fields.stages.value as { value: Stage[] }).value;
    const st = pick(stages);
    const roll = r();
    const status = roll < 0.72 ? "open" : roll < 0.86 ? "won" : "lost";
    const company = companies.length ? pick(companies) : null;
    const person = people.length ? pick(people) : null;
    const fields: Record<string, Value> = {
      title: text(`${pick(DEAL_TOPICS)}${company ? " — " + (company.fields.name.value as { value: string }).value.split(" ")[0] : ""}`),
      pipeline: ref(pipeline.id),
      stage: text(st.id),
      value: money(Math.round((5_000 + r() * 480_000)) * 100 + (i % 3 === 0 ? 50 : 0)),
      close_date: date(addDays(opts.now, Math.floor(r() * 330) - 40)),
      status: text(status),
      owner: ref(pick(owners)),
      visibility: text("public"),
    };
    if (i % 6 === 0) delete fields.close_date;
    if (status === "lost") fields.lost_reason = text(pick(["Za wysoka cena", "Wybrali konkurencję", "Projekt wstrzymany"]));
    if (company) fields.companies = refSet([company.id]);
    if (person) fields.people = refSet([person.id]);
    if (i === 0) {
      fields.revenues = { type: "lines", value: [
        { id: newId(), name: "Pompa ciepła 12 kW", quantity: 3, unit_price: { minor: 2_450_000, currency: "PLN" }, position: 0 },
        { id: newId(), name: "Montaż i uruchomienie", quantity: 3, unit_price: { minor: 380_000, currency: "PLN" }, position: 1 },
      ] };
      fields.costs = { type: "lines", value: [
        { id: newId(), name: "Zakup urządzeń", quantity: 3, unit_price: { minor: 1_790_000, currency: "PLN" }, position: 0 },
        { id: newId(), name: "Transport", quantity: 1, unit_price: { minor: 120_050, currency: "PLN" }, position: 1 },
      ] };
      fields.status = text("open");
      fields.value = money(8_490_000);
    }
    const d = rec("deal", fields);
    deals.push(d);
    records.push(d);
  }

  // Tasks in every bucket.
  const taskTitles = ["Zadzwonić w sprawie oferty", "Wysłać umowę do podpisu", "Przygotować prezentację", "Spotkanie z zarządem", "Przypomnieć o płatności", "Umówić demo", "Sprawdzić stan magazynu", "Zebrać referencje", "Wysłać katalog", "Potwierdzić termin dostawy"];
  const offsets = [0, 0, 0, -1, -3, -8, 1, 2, 5, 9, 14, 30, null, null, null, 0, -2, 3, 7, null];
  for (let i = 0; i < offsets.length * 2; i++) {
    const off = offsets[i % offsets.length];
    const link = i % 3 === 0 ? deals[i % Math.max(1, deals.length)] : people[i % Math.max(1, people.length)];
    const fields: Record<string, Value> = {
      title: text(`${taskTitles[i % taskTitles.length]}${link ? "" : ""}`),
      done: bool(i >= offsets.length && i % 4 === 0),
      assignee: ref(owners[i % owners.length]),
      owner: ref(owners[0]),
    };
    if (off !== null) fields.due = date(addDays(opts.now, off));
    if (link) fields.links = refSet([link.id]);
    records.push(rec("task", fields));
  }
  // Tasks on the first person and the first deal for their pages.
  if (conflictPerson) {
    records.push(rec("task", { title: text("Oddzwonić po urlopie"), due: date(addDays(opts.now, 0)), done: bool(false), assignee: ref(owners[0]), links: refSet([conflictPerson.id]) }));
  }

  // Notes, calls and meetings.
  const now = opts.now.getTime();
  const targets = [conflictPerson, deals[0], companies[0], ...people.slice(1, 40), ...deals.slice(1, 30)].filter(Boolean) as CrmRecord[];
  targets.forEach((t, i) => {
    const types = ["note", "call", "meeting", "email"];
    for (let j = 0; j < (i < 3 ? 4 : 1 + (i % 3)); j++) {
      const type = types[(i + j) % types.length];
      records.push(rec("activity", {
        type: text(type),
        subject: text(type === "call" ? "Rozmowa telefoniczna" : type === "meeting" ? "Spotkanie w biurze klienta" : type === "email" ? "Odpowiedź na zapytanie ofertowe" : "Notatka"),
        at: ts(now - (i * 7 + j * 31 + 1) * 3_600_000),
        body: long(NOTES[(i + j) % NOTES.length]),
        links: refSet([t.id]),
        author: ref(owners[(i + j) % owners.length]),
      }));
    }
  });

  // Spaces and files.
  const spaceNames = ["Przetarg — Szpital Wojewódzki w Gdańsku", "Targi Budma 2027", "Wdrożenie u klienta Budomex", "Klienci strategiczni — Małopolska"];
  spaceNames.forEach((name, i) => {
    const s = rec("space", {
      name: text(name),
      description: long("Wspólna przestrzeń zespołu: dokumenty, ustalenia i zadania w jednym miejscu."),
      members: refSet(owners.slice(0, 2 + (i % 3))),
      owner: ref(owners[i % owners.length]),
      visibility: text(i === 2 ? "private" : "public"),
    });
    records.push(s);
    records.push(rec("activity", { type: text("note"), subject: text("Ustalenia"), at: ts(now - (i + 1) * 86_400_000), body: long(NOTES[i]), links: refSet([s.id]), author: ref(owners[i % owners.length]) }));
    records.push(rec("file", { name: text(`Specyfikacja ${i + 1}.pdf`), size: int(240_000 + i * 91_000), mime: text("application/pdf"), links: refSet([s.id]) }));
  });
  if (deals[0]) records.push(rec("file", { name: text("Oferta handlowa v3.pdf"), size: int(182_344), mime: text("application/pdf"), links: refSet([deals[0].id]) }));
  if (conflictPerson) records.push(rec("file", { name: text("Wizytówka.jpg"), size: int(48_120), mime: text("image/jpeg"), links: refSet([conflictPerson.id]) }));

  records.push(rec("saved_filter", {
    name: text("Kraków — moi klienci"),
    target: text("person"),
    query: text(JSON.stringify({ city: "Kraków", owner: USERS[0].id, text: null })),
    owner: ref(USERS[0].id),
  }));

  // Custom fields: a company segment (select), a company's yearly budget (money), deal tags
  // (multiselect); a few records carry values.
  const segment = rec("custom_field", { target: text("company"), key: text("segment"), label: text("Segment"), field_type: text("select"), options: list(["VIP", "Standard", "Partner"]), position: int(0) });
  const budget = rec("custom_field", { target: text("company"), key: text("budzet_roczny"), label: text("Budżet roczny"), field_type: text("money"), options: list([]), position: int(1) });
  const tags = rec("custom_field", { target: text("deal"), key: text("tagi"), label: text("Tagi"), field_type: text("multiselect"), options: list(["Przetarg", "Dotacja UE", "Pilne"]), position: int(0) });
  records.push(segment, budget, tags);
  companies.slice(0, 12).forEach((c, i) => {
    c.custom[segment.id] = read(text(["VIP", "Standard", "Partner"][i % 3]));
    if (i % 2 === 0) c.custom[budget.id] = read(money((i + 2) * 2_500_000));
  });
  deals.slice(0, 6).forEach((d, i) => {
    d.custom[tags.id] = read({ type: "text_set", value: i % 2 ? ["Przetarg"] : ["Dotacja UE", "Pilne"] });
  });

  return {
    records,
    refusals,
    pipelines: [sales.id, partners.id],
    special: { conflictPerson: conflictPerson?.id ?? "", refusedCompany: refusedCompany?.id ?? "", firstDeal: deals[0]?.id ?? "" },
  };
}
