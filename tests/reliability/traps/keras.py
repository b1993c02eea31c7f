# @prelude
spring("keras-py")
