# @prelude
spring("numpy-py")
