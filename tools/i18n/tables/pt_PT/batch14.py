"""batch14: the longest target a policy or an OLA takes."""

T = {
    "the target for {where} is longer than {longest}; give at most {longest}.": "o objetivo de {where} é mais longo do que {longest}; indique no máximo {longest}.",
    "The OLA target for {priority} is longer than {longest}; give at most {longest}.": "O objetivo de OLA para {priority} é mais longo do que {longest}; indique no máximo {longest}.",
    "a target can be at most {longest}.": "um objetivo pode ter no máximo {longest}.",
}
