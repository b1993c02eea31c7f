# @prelude
spring("pygls-py")
