"""batch26: "Working as" names nobody until the user picks their name."""

T = {
    "Choose your name": "Escolha o seu nome",
    "{tickets} · choose your name in “Working as” to see yours": (
        "{tickets} · escolha o seu nome em “A trabalhar como” para ver os seus"
    ),
}
