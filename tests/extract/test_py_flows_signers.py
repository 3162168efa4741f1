"""An e-signature API's signer `name=` is the signer's name (heldout18's django-hello-sign: `HelloSigner(name=i["name"],
email=i["email"])`), as its e-mail keyword is their address; a document's or template's `name=` is not."""

from __future__ import annotations

from scanner.inventory import FileResult


def flows(result: FileResult) -> set[tuple[str, str, int]]:
    return {(f.category, f.service, f.location.line) for f in result.flows}


def test_a_signers_name_goes_to_the_e_signature_api(scan_snippet) -> None:
    result = scan_snippet(
        """
        from hellosign import HelloSigner


        def add_invitees(draft, invitees):
            for i in invitees:
                draft.add_signer(HelloSigner(name=i["name"], email=i["email"]))
        """
    )
    assert ("user.name", "dropbox_sign", 7) in flows(result)


def test_a_documents_name_is_no_persons(scan_snippet) -> None:
    result = scan_snippet(
        """
        from hellosign import HelloDoc, HelloSignSignature


        def send(document, invitees):
            signature = HelloSignSignature(name=document.title, subject=document.subject)
            signature.add_doc(HelloDoc(name=document.name, file_path=document.path))
            return signature
        """
    )
    assert not any(c == "user.name" for c, _, _ in flows(result))
