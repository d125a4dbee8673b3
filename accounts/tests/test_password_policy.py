import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.validators import BreachedPasswordValidator, breached_passwords


def messages_for(password: str, user=None) -> str:
    with translation.override("it"):
        with pytest.raises(ValidationError) as exc:
            validate_password(password, user)
        return " ".join(exc.value.messages)


def test_a_long_unusual_password_is_accepted():
    validate_password("ramo-lento-sul-Lambro-42")


def test_a_password_shorter_than_twelve_characters_is_refused():
    assert "12 caratteri" in messages_for("Xq7#kLm2pZ")


@pytest.mark.parametrize("password", ["francesco2010", "Juventus123!", "giulia1985", "ForzaNapoli1926"])
def test_italian_leaked_patterns_are_refused_in_italian(password):
    assert "password rubate" in messages_for(password)


def test_a_leaked_word_with_digits_added_is_refused_too():
    with pytest.raises(ValidationError):
        BreachedPasswordValidator().validate("Sunshine20252025")


def test_the_shipped_list_is_large_and_includes_django_s():
    known = breached_passwords()
    assert len(known) > 50_000
    assert "password123" in known and "trustno1" in known and "forzainter" in known


def test_password_change_page_explains_the_refusal(world, login):
    client = login("casemanager")
    response = client.post("/account/password/", {"old_password": "una-password-di-prova-2026",
                                                  "new_password1": "giulia1985", "new_password2": "giulia1985"})
    assert response.status_code == 200
    assert "password rubate" in response.content.decode()
