// What the scenario types: a new account and the records it creates through the forms.

export const ACCOUNT = {
  company: "Hutmen Logistyka S.A.",
  name: "Anna Kowalczyk",
  email: "anna.kowalczyk@hutmen.test",
  password: "Czerwony-Pomidor-2026",
};

/** The buyer on the account's invoice (a valid NIP). */
export const BUYER = {
  address: "ul. Hutnicza 12\n44-100 Gliwice",
  nip: "526-025-02-74",
  email: "faktury@hutmen.test",
};

export const RECORDS = {
  pipeline: "Sprzedaż B2B",
  firstStage: "Pierwszy kontakt",
  secondStage: "Negocjacje",
  company: "Żuraw-Stal Sp. z o.o.",
  companyCity: "Gliwice",
  firstName: "Zofia",
  lastName: "Kołodziej",
  deal: "Dźwig portowy 40 t",
  dealValue: "250000",
  dealTask: "Wysłać ofertę do piątku",
  dealNote: "Klient chce pokaz w Gliwicach",
  task: "Zadzwonić do Zofii w sprawie dźwigu",
  // Typed while the server is down.
  offlineCity: "Gdańsk",
  offlineNote: "Rozmowa bez sieci: budżet zatwierdzony",
};
