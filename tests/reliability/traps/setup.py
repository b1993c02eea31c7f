# @prelude
spring("setup-py")
