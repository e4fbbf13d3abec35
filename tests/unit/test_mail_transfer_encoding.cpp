// Tests for lib/src/mail/transfer_encoding.cpp: base64 and quoted-printable both ways, and the
// "Q" encoding of encoded words. (quoted_printable, the encoder, is also checked against
// Python's email package in test_mail_encode.cpp.)
#include "bounceback/mail/transfer_encoding.hpp"

#include <doctest/doctest.h>

#include <string>

using bb::mail::base64_decode;
using bb::mail::base64_encode;
using bb::mail::decode_q_encoding;
using bb::mail::decode_quoted_printable;
using bb::mail::quoted_printable;

TEST_CASE("mail::base64 both ways") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("M") == "TQ==");
    CHECK(base64_encode("Ma") == "TWE=");
    CHECK(base64_encode("Man") == "TWFu");
    CHECK(base64_decode("TWFu") == "Man");
    CHECK(base64_decode("TW\r\nE=") == "Ma");
    CHECK(base64_decode("T Q = =") == "M");
    SUBCASE("every byte survives a round trip") {
        std::string bytes;
        for (int i = 0; i < 256; ++i) {
            bytes += static_cast<char>(i);
        }
        for (std::size_t cut = 0; cut < 4; ++cut) {
            const std::string piece = bytes.substr(cut);
            CHECK(base64_decode(base64_encode(piece)) == piece);
        }
    }
    SUBCASE("bad input says where") {
        std::size_t bad = 99;
        CHECK_FALSE(base64_decode("TW*u", &bad));
        CHECK(bad == 2);
        CHECK_FALSE(base64_decode("TQ==TQ", &bad)); // data after the padding
        CHECK(bad == 4);
        CHECK_FALSE(base64_decode("TWFuT", &bad)); // a cut final group
        CHECK(bad == 5);
        CHECK_FALSE(base64_decode("TWFu!")); // no place asked for: still refused
    }
}

TEST_CASE("mail::quoted-printable both ways") {
    CHECK(decode_quoted_printable("M=C3=BCller\n") == "M\xc3\xbcller\n");
    CHECK(decode_quoted_printable("soft=\nbreak\n") == "softbreak\n");
    CHECK(decode_quoted_printable("trailing   \n") == "trailing\n");
    CHECK(decode_quoted_printable("a=3Db =XY =4\n") == "a=b =XY =4\n"); // no escape: kept
    CHECK(decode_quoted_printable("crlf\r\nlines\r\n") == "crlf\nlines\n");
    const std::string body = "Gr\xc3\xbc\xc3\x9f"
                             "e, " +
                             std::string(100, 'x') + " = done \n";
    CHECK(decode_quoted_printable(quoted_printable(body)) == body); // trailing space too
}

TEST_CASE("mail::decode_q_encoding") {
    CHECK(decode_q_encoding("Ch=C3=A2teau_Logiciels") == "Ch\xc3\xa2teau Logiciels");
    CHECK(decode_q_encoding("a=2") == "a=2");
    CHECK(decode_q_encoding("") == "");
}
