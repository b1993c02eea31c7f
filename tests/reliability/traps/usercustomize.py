# @prelude
spring("usercustomize-py")
